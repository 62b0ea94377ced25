package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * When a server's start-up work that answering SQL does not need begins (the demo's Bedrock emulator, its AWS SDK
 * clients and its HTTPS port): once the server has answered its first request, or {@link #OPEN_AFTER} after it began
 * listening if no request came by then. On two cores such work, started with the listener, took CPU (and the JIT's
 * attention) from the first answer. Work that something needs before the gate opens (a model call in the first
 * statement) is started by that need at once, never refused; the gate only says when to begin unasked.
 */
public final class StartupGate {

    /** How long after listening the gate opens without a request: about the time a person takes to read the banner. */
    static final Duration OPEN_AFTER = Duration.ofSeconds(1);

    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    /** A gate that is open from the start: for an injector made without a server (no first answer to wait for). */
    public static StartupGate alreadyOpen() {
        StartupGate gate = new StartupGate();
        gate.open();
        return gate;
    }

    public void open() {
        opened.complete(null);
    }

    public boolean isOpen() {
        return opened.isDone();
    }

    /**
     * Runs {@code action} when the gate opens (at once if it is open), on the thread that opens it: an event loop when a
     * response ends, so the action must only hand work to a thread of its own.
     */
    public void whenOpen(Runnable action) {
        requireNonNull(action, "action is null");
        opened.thenRun(action);
    }

    /** Blocks until the gate opens. */
    public void await() {
        opened.join();
    }

    /** Opens the gate when the first response of {@code router} has been sent (or its connection closed). */
    void openOnFirstResponse(Router router) {
        // Ahead of every other route, and a no-op once open: one check per request.
        router.route().order(-1).handler(ctx -> {
            if (!isOpen()) {
                ctx.addEndHandler(ended -> open());
            }
            ctx.next();
        });
    }
}
