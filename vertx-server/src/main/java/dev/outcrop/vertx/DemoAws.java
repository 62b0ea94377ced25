package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's AWS side: the Bedrock emulator, then the Bedrock Runtime and STS clients pointed at it, made on a thread of
 * their own once the {@link StartupGate} opens, or at once when a statement needs them first. None of it is needed to
 * answer SQL that calls no model, and on two cores making it beside the first answer (the emulator's Vert.x and
 * Jackson, the SDK clients, the CRT's native library unpacked) cost that answer about as much CPU again.
 */
final class DemoAws {

    private final CompletableFuture<BedrockEmulator> emulator = new CompletableFuture<>();
    private final CompletableFuture<BedrockModelRuntime> runtime = new CompletableFuture<>();
    private final CompletableFuture<StsRoleAssumer> roleAssumer = new CompletableFuture<>();
    private boolean started;
    private boolean closed;

    DemoAws(Closer closer, StartupGate gate) {
        // Registered now, before Outcrop, so closed after it: the clients, then the emulator, each once it is made.
        requireNonNull(closer, "closer is null").register(this::closeWhenMade);
        requireNonNull(gate, "gate is null").whenOpen(this::start);
    }

    /** The client configuration of the demo: the defaults, with Bedrock, STS and S3 all at the emulator. */
    static BedrockClientConfig clientConfig(URI emulator) {
        return BedrockClientConfig.builder().bedrockEndpoint(emulator).build();
    }

    /** Starts making everything, once; returns at once. */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (closed) {
            IllegalStateException shutDown = new IllegalStateException("the server is shutting down");
            emulator.completeExceptionally(shutDown);
            runtime.completeExceptionally(shutDown);
            roleAssumer.completeExceptionally(shutDown);
            return;
        }
        Thread thread = new Thread(this::make, "outcrop-demo-aws-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void make() {
        try {
            // Loopback only, whatever the emulator's default becomes: its admin API (/_emulator/) is unauthenticated
            // and shows the call log with access key ids, which is right for tests, not for a network.
            EmulatorConfig config = EmulatorConfig.defaults().toBuilder().port(0).bindAddress("127.0.0.1").build();
            BedrockEmulator started = BedrockEmulator.start(config);
            emulator.complete(started);
            BedrockClientConfig clients = clientConfig(started.endpoint());
            runtime.complete(BedrockModelRuntime.create(clients));
            roleAssumer.complete(StsRoleAssumer.create(clients));
        }
        catch (RuntimeException | Error e) {
            emulator.completeExceptionally(e);
            runtime.completeExceptionally(e);
            roleAssumer.completeExceptionally(e);
        }
    }

    /** Waits for what is being made (a server closed while it starts) and closes it; nothing if it was never started. */
    private void closeWhenMade() throws Exception {
        synchronized (this) {
            closed = true;
            if (!started) {
                return;
            }
        }
        try (AutoCloseable e = made(emulator); AutoCloseable r = made(runtime); AutoCloseable s = made(roleAssumer)) {
            // closed by try-with-resources, in reverse order
        }
    }

    private static AutoCloseable made(CompletableFuture<? extends AutoCloseable> made) {
        AutoCloseable closeable = made.exceptionally(failure -> null).join();
        return closeable == null ? () -> { } : closeable;
    }

    CompletableFuture<BedrockEmulator> emulator() {
        return emulator;
    }

    CompletableFuture<BedrockModelRuntime> runtime() {
        return runtime;
    }

    CompletableFuture<StsRoleAssumer> roleAssumer() {
        return roleAssumer;
    }

    /** Completes when the emulator and both clients are ready, or fails with why they are not. */
    CompletableFuture<Void> ready() {
        return CompletableFuture.allOf(emulator, runtime, roleAssumer);
    }
}
