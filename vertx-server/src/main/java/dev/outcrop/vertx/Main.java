package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.Module;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar outcrop-server.jar [--demo] [--host H] [--port N] [--config FILE]}.
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
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean demo = false;
        Map<String, String> properties = new HashMap<>();
        ServerConfig.Builder server = ServerConfig.builder();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--demo" -> demo = true;
                    case "--host" -> server.host(value(args, ++i, "--host"));
                    case "--port" -> server.port(port(value(args, ++i, "--port")));
                    case "--config" -> properties.putAll(load(Path.of(value(args, ++i, "--config"))));
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            properties.putAll(fromEnvironment(System.getenv()));
            if (!properties.isEmpty()) {
                ServerConfig fromFile = ServerConfig.fromProperties(properties);
                if (!properties.containsKey("outcrop.server.account")) {
                    fromFile = fromFile.toBuilder().account(ServerConfig.DEFAULT_ACCOUNT).build();
                }
                server.account(fromFile.account()).principal(fromFile.principal()).maxStatementBytes(fromFile.maxStatementBytes());
            }
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
        ServerConfig config = server.build();
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
        printBanner(config, running, demo);
        new CountDownLatch(1).await();
    }

    private static void printBanner(ServerConfig config, OutcropServer running, boolean demo) {
        String address = "http://" + config.host() + ":" + running.port() + "/";
        System.out.println("Outcrop is listening on " + address + " as account '" + config.account() + "', principal '" + config.principal() + "'");
        System.out.println("Authentication: none (every request runs as that principal), so only loopback clients are served: the Host must be "
                + "localhost, 127.0.0.1 or [::1], and browser requests from other web origins are refused.");
        if (demo) {
            BedrockEmulator emulator = running.injector().getInstance(BedrockEmulator.class);
            System.out.println("Demo mode: embedded H2 catalog (deleted on exit), Bedrock emulator at " + emulator.endpoint() + " (no AWS account needed).");
            System.out.println("Run the seed's statements (create a role location, then call Nova Micro through it):");
            System.out.println();
            System.out.println(seedCurl(address));
            System.out.println();
        }
        System.out.println("Stop with Ctrl-C.");
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

    private static Map<String, String> load(Path file) {
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

    /** OUTCROP_SEALING_KEYS -> outcrop.sealing-keys; OUTCROP_BEDROCK_MAX_CONCURRENCY -> outcrop.bedrock.max-concurrency. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> map = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("OUTCROP_")) {
                String[] parts = name.toLowerCase(Locale.ROOT).split("_", 3);
                String key = parts.length == 2 ? "outcrop." + parts[1].replace('_', '-')
                        : switch (parts[1]) {
                            case "bedrock", "sts", "catalog", "server", "account" -> "outcrop." + parts[1] + "." + parts[2].replace('_', '-');
                            default -> "outcrop." + (parts[1] + "_" + parts[2]).replace('_', '-');
                        };
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
