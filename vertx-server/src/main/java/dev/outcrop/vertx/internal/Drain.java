package dev.outcrop.vertx.internal;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown. {@link #guard()} sits in front of the routes and counts the statements in flight (a
 * {@code POST /} or {@code /query} from its arrival until its answer is written or its client is gone). Once
 * {@link #drain} starts, new statements, token requests and readiness checks get a Firebolt-shaped 503
 * {@code SERVER_SHUTTING_DOWN}, so that a load balancer and the SDKs (which retry 503) go elsewhere; {@code /cancel},
 * {@code /health} and {@code /metrics} keep working. Statements still running at the deadline are cancelled by query
 * id, which answers their clients {@code QUERY_CANCELLED} in the usual shape rather than a reset connection.
 *
 * <p>Statements started with {@code async=true} have no request in flight and are not waited for.
 */
public final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** Where {@link QueryHandler} leaves the statement's query id, for a cancellation at the deadline. */
    static final String QUERY_ID = "outcrop.queryId";
    /** How long cancelled statements get to answer their clients before the server closes anyway. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    private final Set<RoutingContext> inFlight = new HashSet<>();
    private boolean draining;

    /** The handler for the front of the router. */
    public Handler<RoutingContext> guard() {
        return ctx -> {
            String path = ctx.request().path();
            boolean statement = ctx.request().method() == HttpMethod.POST && (path.equals("/") || path.equals("/query"));
            boolean refusedWhileDraining = statement || path.equals("/oauth/token") || path.startsWith("/web/") || path.equals("/health/ready");
            if (!refusedWhileDraining) {
                ctx.next();
                return;
            }
            synchronized (this) {
                if (!draining) {
                    if (statement) {
                        inFlight.add(ctx);
                        ctx.addEndHandler(ended -> finished(ctx));
                    }
                    ctx.next();
                    return;
                }
            }
            if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
                ctx.request().handler(ignored -> { }).resume();
            }
            // Connection: close, so that a keep-alive client's next request finds another server.
            ctx.response().putHeader("Connection", "close");
            ErrorResponses.send(ctx, new RequestRefused(503, OutcropErrorCode.SERVER_SHUTTING_DOWN, "this server is shutting down: it "
                    + "finishes the statements it is running and takes no new ones; send the request to another server of the deployment, "
                    + "or retry once this one has restarted"), "-");
        };
    }

    private synchronized void finished(RoutingContext ctx) {
        inFlight.remove(ctx);
        notifyAll();
    }

    /** Whether {@link #drain} has started. */
    public synchronized boolean draining() {
        return draining;
    }

    /** Statements in flight now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /**
     * Refuses new statements from now on, waits up to {@code grace} for those in flight to finish, then cancels the
     * rest through {@code outcrop} and gives them {@link #CANCEL_GRACE} to answer. Blocking; call it before closing
     * the HTTP server.
     *
     * @return how many statements were cancelled
     */
    public int drain(Duration grace, Outcrop outcrop) {
        requireNonNull(grace, "grace is null");
        requireNonNull(outcrop, "outcrop is null");
        List<String> cancelled = new ArrayList<>();
        synchronized (this) {
            draining = true;
            if (!inFlight.isEmpty()) {
                log.info("Shutting down: waiting up to {} s for {} statement(s) in flight", grace.toSeconds(), inFlight.size());
            }
            awaitEmpty(grace);
            for (RoutingContext ctx : inFlight) {
                String queryId = ctx.get(QUERY_ID);
                if (queryId != null) {
                    cancelled.add(queryId);
                }
            }
        }
        // Outside the lock: a cancellation completes futures whose handlers may end responses, which calls finished().
        cancelled.forEach(outcrop::cancel);
        if (!cancelled.isEmpty()) {
            log.warn("Shutting down: cancelled {} statement(s) still running after {} s", cancelled.size(), grace.toSeconds());
            synchronized (this) {
                awaitEmpty(CANCEL_GRACE);
            }
        }
        return cancelled.size();
    }

    private void awaitEmpty(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (long left = limit.toNanos(); !inFlight.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
