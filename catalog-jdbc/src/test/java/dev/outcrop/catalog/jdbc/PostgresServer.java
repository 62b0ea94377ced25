package dev.outcrop.catalog.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops and starts the local PostgreSQL cluster, for the outage test. Uses
 * {@code pg_ctlcluster --skip-systemctl-redirect <version> main stop|start}, the version read from
 * {@code /etc/postgresql}; {@code OUTCROP_TEST_PG_STOP_COMMAND} and {@code OUTCROP_TEST_PG_START_COMMAND}
 * (run with {@code sh -c}) replace them on machines that manage PostgreSQL differently.
 */
final class PostgresServer {

    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private PostgresServer() {}

    static void stop() {
        run(command("OUTCROP_TEST_PG_STOP_COMMAND", "stop"));
    }

    static void start() {
        run(command("OUTCROP_TEST_PG_START_COMMAND", "start"));
    }

    private static List<String> command(String override, String action) {
        String configured = System.getenv(override);
        if (configured != null && !configured.isBlank()) {
            return List.of("sh", "-c", configured);
        }
        return List.of("pg_ctlcluster", "--skip-systemctl-redirect", clusterVersion(), "main", action);
    }

    private static String clusterVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString()).sorted().reduce((first, second) -> second)
                    .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot list /etc/postgresql to find the cluster version; set "
                    + "OUTCROP_TEST_PG_STOP_COMMAND and OUTCROP_TEST_PG_START_COMMAND", e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes());
            // "already running" / "not running" are fine: the cluster is in the state we want.
            if (process.exitValue() != 0 && !output.contains("already running") && !output.contains("not running")) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ": " + output);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
