package dev.outcrop.benchmarks.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator in its own JVM on loopback, so that {@code -prof gc} counts what the client under test
 * allocates and not what the server allocates answering it. Set {@code -Doutcrop.emulator=http://...}
 * to use one that is already running instead.
 */
public final class EmulatorProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final URI endpoint;

    private EmulatorProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static EmulatorProcess start() {
        String given = System.getProperty("outcrop.emulator");
        if (given != null) {
            return new EmulatorProcess(null, URI.create(given));
        }
        // A short call log: the benchmark makes millions of calls and nobody reads them.
        return start("{\"port\": 0, \"callLogLimit\": 1000, \"eventLoops\": 1}", "-Xmx512m");
    }

    /**
     * Starts an emulator process with this config file content (JSON, see the emulator's README) and this
     * maximum heap (e.g. {@code -Xmx512m}), on the class path of this JVM.
     */
    public static EmulatorProcess start(String configJson, String maxHeap) {
        try {
            Path config = Files.createTempFile("emulator", ".json");
            config.toFile().deleteOnExit();
            Files.writeString(config, configJson);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, maxHeap, "-cp", System.getProperty("java.class.path"),
                    "dev.outcrop.bedrock.emulator.Main", "--config", config.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "emulator-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new EmulatorProcess(process, URI.create(matcher.group(1)));
                }
            }
            throw new IllegalStateException("the emulator process exited before listening (exit code " + process.waitFor() + ")");
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the emulator process", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the emulator", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The emulator's process id, or -1 for one given with {@code -Doutcrop.emulator}. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
