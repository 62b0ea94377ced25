package dev.outcrop.bedrock.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the emulator standalone: {@code java -jar outcrop-bedrock-emulator.jar [--port 8787] [--config file.json]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorConfig config;
        try {
            config = parse(args, System.out);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        BedrockEmulator emulator;
        try {
            emulator = BedrockEmulator.start(config);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "bedrock-emulator-shutdown"));
        Path s3Directory = s3Directory(args);
        if (s3Directory != null) {
            try {
                emulator.s3().loadDirectory(s3Directory);
            } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                emulator.close();
                System.exit(2);
                return;
            }
            System.out.println("S3 buckets loaded from " + s3Directory + " (one per subdirectory)");
        }
        System.out.println("Bedrock Runtime + STS + S3 emulator listening on " + emulator.endpoint());
        for (Identity identity : config.identities()) {
            System.out.println("  identity " + identity.name() + ": access key id " + identity.accessKeyId()
                    + " (" + identity.principalArn() + ")");
        }
        for (RoleDefinition role : config.roles()) {
            System.out.println("  role " + role.arn() + (role.externalId() == null ? "" : " (external ID required)"));
        }
        System.out.println("Admin API: " + emulator.endpoint() + "/_emulator/calls, /_emulator/stats, /_emulator/faults");
        System.out.flush();
        stopped.await();
    }

    /** Returns the config to run, or null when only help was asked for. */
    static EmulatorConfig parse(String[] args, PrintStream out) {
        EmulatorConfig.Builder builder = null;
        Integer port = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    usage(out);
                    return null;
                }
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--config" -> builder = EmulatorConfig.fromJson(Path.of(value(args, ++i, "--config"))).toBuilder();
                case "--s3-dir" -> value(args, ++i, "--s3-dir"); // read by s3Directory(args) once the emulator runs
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (builder == null) {
            builder = EmulatorConfig.builder();
        }
        if (port != null) {
            builder.port(port);
        }
        return builder.build();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not " + text);
        }
    }

    /** The directory given with --s3-dir, or null. */
    static Path s3Directory(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--s3-dir")) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar outcrop-bedrock-emulator.jar [--port <n>] [--config <file.json>] [--s3-dir <dir>] [--help]");
        out.println("  --port <n>            TCP port on 127.0.0.1 (default " + EmulatorConfig.DEFAULT_PORT + "; 0 = any free port)");
        out.println("  --config <file.json>  identities, roles and limits (see bedrock-emulator/README.md)");
        out.println("  --s3-dir <dir>        S3 objects to serve: each subdirectory a bucket, each file below it an object");
    }
}
