package dev.outcrop.vertx;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.jdbc.JdbcCatalogConfig;
import dev.outcrop.vertx.config.ConfigSetting;
import dev.outcrop.vertx.config.ServerConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders docs/configuration.md from the settings the code declares: {@link ServerConfig#SETTINGS},
 * {@link DeploymentModule#SETTINGS}, {@link JdbcCatalogConfig#SETTINGS} and
 * {@link BedrockClientConfig#SETTINGS}. The environment variable of each key is the one that
 * {@link Main#fromEnvironment} really maps to it, or "none" when no variable does.
 */
final class ConfigurationReference {

    static final String REGENERATE_PROPERTY = "outcrop.regenerate-docs";
    static final String REGENERATE_COMMAND = "mvn -q -pl vertx-server -am test -Dtest=ConfigurationReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + REGENERATE_PROPERTY + "=true";

    private ConfigurationReference() {
    }

    /** One row of a table: a full {@code outcrop.*} key, its default (null for none), and what it does. */
    record Row(String key, String defaultValue, String description) {
    }

    static List<Row> serverRows() {
        return ServerConfig.SETTINGS.stream().map(ConfigurationReference::row).toList();
    }

    static List<Row> deploymentRows() {
        return DeploymentModule.SETTINGS.stream().map(ConfigurationReference::row).toList();
    }

    static List<Row> catalogRows() {
        return JdbcCatalogConfig.SETTINGS.stream()
                .map(s -> new Row(DeploymentModule.CATALOG_PREFIX + s.key(), s.defaultValue(), s.description()))
                .toList();
    }

    static List<Row> bedrockRows() {
        return BedrockClientConfig.SETTINGS.stream().map(s -> new Row(s.name(), s.defaultValue(), s.description())).toList();
    }

    private static Row row(ConfigSetting setting) {
        return new Row(setting.key(), setting.defaultValue(), setting.description());
    }

    /** The variable {@link Main#fromEnvironment} maps to the key, or null when none does. */
    static String environmentVariable(String key) {
        String candidate = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        Map<String, String> mapped = Main.fromEnvironment(Map.of(candidate, "value"));
        return mapped.keySet().equals(Set.of(key)) ? candidate : null;
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated from the code by vertx-server's ConfigurationReferenceTest; do not edit by hand.\n")
                .append("     Change the descriptions where the settings are declared, then regenerate with\n")
                .append("     ").append(REGENERATE_COMMAND).append(" -->\n\n");
        out.append("""
                # Configuration reference

                Every `outcrop.*` setting that `outcrop-server.jar` reads, with its environment variable, its
                default and its meaning. This page is generated from the lists of settings in the code
                (`ServerConfig.SETTINGS`, `DeploymentModule.SETTINGS`, `JdbcCatalogConfig.SETTINGS`,
                `BedrockClientConfig.SETTINGS`). `ConfigurationReferenceTest` fails the build when the page
                differs from them, or when a documented default does not read back as the default.

                ## Where settings come from

                - `java -jar outcrop-server.jar --config FILE` reads a Java properties file.
                - Environment variables override the file. A variable is the key in upper case, with `.` and `-`
                  written `_`: `outcrop.bedrock.max-concurrency` is `OUTCROP_BEDROCK_MAX_CONCURRENCY`. The server
                  reads `OUTCROP_<SECTION>_<REST>` back as `outcrop.<section>.<rest>` (with `_` as `-` in `<rest>`)
                  for the sections `server`, `account`, `catalog`, `bedrock` and `sts`, and any other
                  `OUTCROP_<REST>` as `outcrop.<rest>`.%s
                - A variable of a key listed below maps to that key exactly (`OUTCROP_CATALOG_JDBC_URL` is
                  `outcrop.catalog.jdbc.url`).
                - `--host` and `--port` override `outcrop.server.host` and `outcrop.server.port`.
                - A key under `outcrop.server.` or `outcrop.account.` that is not listed here is refused at start-up,
                  by name, as are unknown `outcrop.bedrock.*`, `outcrop.sts.*` and catalog keys.
                - With `--demo`, only the `outcrop.server.*` settings apply. The demo fixes everything else: an
                  embedded H2 catalog deleted on exit, a throw-away sealing key, and the Bedrock emulator in the
                  same process.

                A default of "none" means that the setting is absent unless set. The descriptions say which
                settings are required.

                """.formatted(unmappedKeysSentence()));
        table(out, "## The HTTP server (`ServerConfig`)", "", serverRows());
        table(out, "## The deployment (`DeploymentModule`)", "", deploymentRows());
        table(out, "## The catalog (`outcrop.catalog.*`, provider `jdbc`)", """
                The keys of `JdbcCatalogConfig`, prefixed with `outcrop.catalog.`. The `jdbc` provider refuses keys
                it does not know, and names the known ones. PostgreSQL, pooling and freshness across servers:
                [operations.md](operations.md) and [catalog-jdbc/README.md](../catalog-jdbc/README.md).
                """, catalogRows());
        table(out, "## Bedrock and STS (`BedrockClientConfig`)", """
                Durations are ISO-8601 (`PT30S`), seconds (`30` or `30s`) or milliseconds (`250ms`). Unknown
                `outcrop.bedrock.*` and `outcrop.sts.*` keys are refused, with the list of known ones. The AWS SDK's
                own `aws.maxAttempts` and `aws.retryMode` in the `--config` file are honoured too; the
                `outcrop.bedrock.*` settings win over them. Details: [bedrock-client/README.md](../bedrock-client/README.md).
                """, bedrockRows());
        out.append("""
                ## Not configurable in the server

                The engine's limits (`ExecutionLimits`: calls in flight per process, account, location and
                statement, rows ahead, retries and backoff, budget lease size, location recheck) and
                `Outcrop.Builder`'s credential settings (`credentialRefreshAhead`, `assumedRoleDuration`) keep their
                defaults in the server. Applications that embed core set them in code; see
                [execution.md](execution.md). Sessions may lower some of them with `SET` (for example
                `SET ai_max_concurrency = 8`), as execution.md describes.
                """);
        return out.toString();
    }

    /** Says which keys no environment variable reaches, as {@link Main#fromEnvironment} maps them today. */
    private static String unmappedKeysSentence() {
        List<String> unmapped = java.util.stream.Stream.of(serverRows(), deploymentRows(), catalogRows(), bedrockRows())
                .flatMap(List::stream)
                .map(Row::key)
                .filter(key -> environmentVariable(key) == null)
                .toList();
        if (unmapped.isEmpty()) {
            return "";
        }
        return " So " + unmapped.size() + " keys have no environment variable today (\"none\" in the\n"
                + "  tables): those with a further `.` after their section. Put them in the `--config` file.";
    }

    private static void table(StringBuilder out, String heading, String introduction, List<Row> rows) {
        out.append(heading).append("\n\n");
        if (!introduction.isEmpty()) {
            out.append(introduction).append("\n");
        }
        out.append("| key | environment variable | default | description |\n");
        out.append("|---|---|---|---|\n");
        for (Row row : rows) {
            String variable = environmentVariable(row.key());
            out.append("| `").append(row.key()).append("` | ")
                    .append(variable == null ? "none" : "`" + variable + "`").append(" | ")
                    .append(row.defaultValue() == null ? "none" : "`" + row.defaultValue() + "`").append(" | ")
                    .append(row.description().replace("|", "\\|")).append(" |\n");
        }
        out.append("\n");
    }
}
