package dev.outcrop.vertx;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.jdbc.JdbcCatalogConfig;
import dev.outcrop.vertx.config.KnownSettings;
import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.Module;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar outcrop-server.jar [--demo] [--host H] [--port N] [--config FILE]}, or
 * {@code java -jar outcrop-server.jar reseal [--config FILE]} ({@link ResealCommand}).
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar outcrop-server.jar [--demo] [--host HOST] [--port PORT] [--config FILE]

              --demo          run offline: an embedded catalog and the Bedrock emulator in this process,
                              with the account my_account ready for the seed's statements
              --host HOST     address to listen on (default 127.0.0.1)
              --port PORT     port to listen on (default 3473, Firebolt Core's)
              --config FILE   a properties file for a real deployment (see DeploymentModule);
                              OUTCROP_* environment variables override it

            or:    java -jar outcrop-server.jar reseal [--config FILE]
                              seal every location again with the primary sealing key (see docs/security.md)
            """;

    private Main() {
    }

    /** Guice's switch for generating classes at run time (see {@link #main}). */
    static final String GUICE_BYTECODE_OPTION = "guice_bytecode_gen_option";

    /** Netty's switch for its JDK Flight Recorder events (see {@link #main}). */
    static final String NETTY_JFR_OPTION = "io.netty.jfr.enabled";

    public static void main(String[] args) throws InterruptedException {
        // Before the first Guice class loads: Guice reads this once. By default it generates a class for each
        // @Provides method (and could for AOP, which nothing here uses) with its own copy of ASM; for the few
        // dozen singletons made once at start that costs about a second of CPU (classes loaded, verified and
        // compiled), reflection next to nothing. An explicit -Dguice_bytecode_gen_option still wins.
        if (System.getProperty(GUICE_BYTECODE_OPTION) == null) {
            System.setProperty(GUICE_BYTECODE_OPTION, "DISABLED");
        }
        // Before the first Netty class loads, likewise. Netty 4.2's buffer allocator registers its JDK Flight Recorder
        // events when it makes its first chunk of memory, which starts the Flight Recorder's metadata (about 0.1 s of
        // CPU, on the event loop that answers the first request) in every process, recording or not. Nothing here reads
        // those events; -Dio.netty.jfr.enabled=true brings them back.
        if (System.getProperty(NETTY_JFR_OPTION) == null) {
            System.setProperty(NETTY_JFR_OPTION, "false");
        }
        if (args.length > 0 && args[0].equals("reseal")) {
            System.exit(ResealCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
            return;
        }
        boolean demo = false;
        Map<String, String> properties = new HashMap<>();
        String host = null;
        Integer port = null;
        ServerConfig config;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--demo" -> demo = true;
                    case "--host" -> host = value(args, ++i, "--host");
                    case "--port" -> port = port(value(args, ++i, "--port"));
                    case "--config" -> properties.putAll(load(Path.of(value(args, ++i, "--config"))));
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            properties.putAll(fromEnvironment(System.getenv()));
            config = serverConfig(properties, host, port);
        }
        catch (IllegalArgumentException e) {
            System.err.println("outcrop-server: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        // Before the first logger is made: slf4j-simple fixes a logger's level when it makes the logger.
        List<String> loggingNotes = LoggingSetup.apply(properties, System.getProperties(), LoggingSetup.bundled());
        loggingNotes.forEach(LoggerFactory.getLogger(Main.class)::warn);
        Module environment = demo ? new DemoModule() : new DeploymentModule(properties);
        OutcropServer running;
        try {
            running = OutcropServer.start(config, environment);
        }
        catch (RuntimeException e) {
            System.err.println("outcrop-server: could not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "outcrop-shutdown"));
        // The plain port answers from here on, so say so at once. The demo's other halves (the emulator and the AWS
        // clients, then the HTTPS port with its test CA and a service account whose secret is hashed slowly on purpose)
        // start once that port has answered its first statement, or a second after it listens, and are announced when
        // ready, so that they do not compete with that first answer for the CPU.
        printBanner(config, running);
        if (demo) {
            running.startupGate().await();
            try {
                running.injector().getInstance(DemoAws.class).ready().join();
                printDemo(running.injector().getInstance(BedrockEmulator.class), "http://" + config.host() + ":" + running.port() + "/");
            }
            catch (RuntimeException e) {
                System.err.println("outcrop-server: the demo's Bedrock emulator or its AWS clients could not start, so statements that call"
                        + " a model fail; the rest works: " + rootMessage(e));
            }
            try {
                printHttps(DemoHttps.start(running, config, config.port() == 0 ? 0 : config.port() + 1));
            }
            catch (RuntimeException e) {
                System.err.println("outcrop-server: the demo's HTTPS port (" + (config.port() + 1) + ") could not be opened, so Firebolt's SDKs"
                        + " cannot connect; the plain port works: " + rootMessage(e));
            }
        }
        System.out.println("Stop with Ctrl-C.");
        awaitForever();
    }

    private static void printHttps(DemoHttps.Access https) {
        System.out.println("HTTPS with service-account tokens (as Firebolt's SDKs connect) on https://" + https.endpoint()
                + "/, certificate from a test CA made for this run: " + https.caCertificate());
        System.out.println("Run Firebolt's Node.js SDK against it from the repository's root (once: npm ci --prefix vertx-server/src/test/js/firebolt-sdk):");
        System.out.println();
        System.out.println(https.sdkCommand());
        System.out.println();
    }

    private static void awaitForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    private static void printBanner(ServerConfig config, OutcropServer running) {
        String address = "http://" + config.host() + ":" + running.port() + "/";
        System.out.println("Outcrop is listening on " + address + " as account '" + config.account() + "', principal '" + config.principal() + "'");
        System.out.println("Authentication: none (every request runs as that principal), so only loopback clients are served: the Host must be "
                + "localhost, 127.0.0.1 or [::1], and browser requests from other web origins are refused.");
    }

    private static void printDemo(BedrockEmulator emulator, String address) {
        System.out.println("Demo mode: embedded H2 catalog (deleted on exit), Bedrock emulator at " + emulator.endpoint() + " (no AWS account needed).");
        System.out.println("The emulator listens on loopback only: its admin API (" + emulator.endpoint()
                + "/_emulator/) is unauthenticated and shows the call log, with access key ids.");
        System.out.println("Run the seed's statements (create a role location, then call Nova Micro through it):");
        System.out.println();
        System.out.println(seedCurl(address));
        System.out.println();
    }

    /** A curl command, pasteable into a POSIX shell, that sends the seed's statements as one script. */
    static String seedCurl(String address) {
        return "curl -s '" + address + "?output_format=JSON_Compact' --data-binary @- <<'SQL'\n"
                + "CREATE LOCATION IF NOT EXISTS bedrock_role WITH\n"
                + "  SOURCE = AMAZON_BEDROCK\n"
                + "  CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' );\n"
                + "SELECT AWS_BEDROCK_AI_QUERY(\n"
                + "  'amazon.nova-micro-v1:0',\n"
                + "  $${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$,\n"
                + "  'bedrock_role'\n"
                + ") AS result;\n"
                + "SQL";
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, but was '" + text + "'");
        }
    }

    static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /**
     * The server's configuration from the file and the environment, with {@code --host} and {@code --port}
     * (null when not given) winning; misspelt {@code outcrop.server.*} and {@code outcrop.account.*} keys are refused.
     */
    static ServerConfig serverConfig(Map<String, String> properties, String host, Integer port) {
        knownSettings().refuseUnknown(properties, List.of("outcrop.server.", "outcrop.account."));
        ServerConfig.Builder server = ServerConfig.fromProperties(properties).toBuilder();
        if (host != null) {
            server.host(host);
        }
        if (port != null) {
            server.port(port);
        }
        return server.build();
    }

    /**
     * Every key the server reads, from the lists docs/configuration.md is generated from: the server's, the
     * deployment's, the catalog's (under {@code outcrop.catalog.}) and Bedrock's.
     */
    static KnownSettings knownSettings() {
        List<String> keys = new ArrayList<>();
        ServerConfig.SETTINGS.forEach(setting -> keys.add(setting.key()));
        DeploymentModule.SETTINGS.forEach(setting -> keys.add(setting.key()));
        JdbcCatalogConfig.SETTINGS.forEach(setting -> keys.add(DeploymentModule.CATALOG_PREFIX + setting.key()));
        BedrockClientConfig.SETTINGS.forEach(setting -> keys.add(setting.name()));
        return new KnownSettings(keys);
    }

    /**
     * OUTCROP_SEALING_KEYS -> outcrop.sealing-keys; OUTCROP_CATALOG_JDBC_URL -> outcrop.catalog.jdbc.url. A variable
     * of a known key maps to that key exactly; any other is read as OUTCROP_<SECTION>_<REST> ->
     * outcrop.<section>.<rest> (with _ as -) for the sections server, account, catalog, bedrock, sts and s3, else
     * OUTCROP_<REST> -> outcrop.<rest>, so that a misspelt variable of a checked section is refused by its key.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        KnownSettings known = knownSettings();
        Map<String, String> map = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("OUTCROP_")) {
                String key = known.keyOf(name).orElseGet(() -> {
                    String[] parts = name.toLowerCase(Locale.ROOT).split("_", 3);
                    return parts.length == 2 ? "outcrop." + parts[1].replace('_', '-')
                            : switch (parts[1]) {
                                case "bedrock", "sts", "s3", "catalog", "server", "account" -> "outcrop." + parts[1] + "." + parts[2].replace('_', '-');
                                default -> "outcrop." + (parts[1] + "_" + parts[2]).replace('_', '-');
                            };
                });
                map.put(key, value);
            }
        });
        return map;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
