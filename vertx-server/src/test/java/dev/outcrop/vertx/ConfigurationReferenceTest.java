package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.jdbc.JdbcCatalogConfig;
import dev.outcrop.vertx.config.ConfigSetting;
import dev.outcrop.vertx.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the settings the code declares, so it cannot drift from them:
 * this test fails when the committed page differs from what {@link ConfigurationReference} renders, and
 * says how to regenerate it. Run with {@code -Doutcrop.regenerate-docs=true} to rewrite the page instead.
 */
final class ConfigurationReferenceTest {

    private static final Path PAGE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/configuration.md").normalize();

    @Test
    void theCommittedPage_isTheOneTheCodeRenders() throws IOException {
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean(ConfigurationReference.REGENERATE_PROPERTY)) {
            Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage(() -> PAGE + " differs from the settings declared in the code (" + firstDifference(committed, rendered)
                        + "). It is generated: do not edit it by hand, but regenerate it from the repository's root with\n  "
                        + ConfigurationReference.REGENERATE_COMMAND + "\nand commit the result.")
                .isEqualTo(rendered);
    }

    @Test
    void everyKeyIsDocumentedOnce() {
        List<String> keys = Stream.of(ConfigurationReference.serverRows(), ConfigurationReference.deploymentRows(),
                        ConfigurationReference.catalogRows(), ConfigurationReference.bedrockRows())
                .flatMap(List::stream)
                .map(ConfigurationReference.Row::key)
                .toList();
        assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.startsWith("outcrop."));
    }

    @Test
    void everyDocumentedDefault_readsBackAsTheDefault() {
        for (ConfigSetting setting : ServerConfig.SETTINGS) {
            if (setting.defaultValue() != null) {
                assertThat(ServerConfig.fromProperties(Map.of(setting.key(), setting.defaultValue())).toString())
                        .as(setting.key()).isEqualTo(ServerConfig.defaults().toString());
            }
        }
        for (BedrockClientConfig.Setting setting : BedrockClientConfig.SETTINGS) {
            if (setting.defaultValue() != null) {
                assertThat(BedrockClientConfig.fromProperties(Map.of(setting.name(), setting.defaultValue())))
                        .as(setting.name()).isEqualTo(BedrockClientConfig.defaults());
            }
        }
        for (JdbcCatalogConfig.Setting setting : JdbcCatalogConfig.SETTINGS) {
            if (setting.defaultValue() != null) {
                assertThat(JdbcCatalogConfig.fromProperties(Map.of(setting.key(), setting.defaultValue())).toString())
                        .as(setting.key()).isEqualTo(JdbcCatalogConfig.defaults().toString());
            }
        }
    }

    @Test
    void theEnvironmentVariablesShown_mapBackToTheirKeys() {
        assertThat(ConfigurationReference.environmentVariable("outcrop.bedrock.max-concurrency")).isEqualTo("OUTCROP_BEDROCK_MAX_CONCURRENCY");
        assertThat(ConfigurationReference.environmentVariable("outcrop.sealing-keys")).isEqualTo("OUTCROP_SEALING_KEYS");
        assertThat(Main.fromEnvironment(Map.of("OUTCROP_BEDROCK_MAX_CONCURRENCY", "8"))).containsOnlyKeys("outcrop.bedrock.max-concurrency");
    }

    private static String firstDifference(String committed, String rendered) {
        List<String> a = new ArrayList<>(committed.lines().toList());
        List<String> b = new ArrayList<>(rendered.lines().toList());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "first difference at line " + (i + 1) + ": the file has\n  " + left + "\nthe code renders\n  " + right;
            }
        }
        return "they differ only in line endings or a final newline";
    }
}
