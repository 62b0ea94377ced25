package dev.outcrop.vertx.internal;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown. {@link #guard()} sits in front of the routes and counts the statements in flight (a
 * {@code POST /} or {@code /query} from its arrival until its answer is written or its client is gone);
 * {@link #asyncStarted} counts the statements started with {@code async=true}, which run on after their request was
 * answered, until they end. Once {@link #drain} starts, new statements, token requests and readiness checks get a
 * Firebolt-shaped 503 {@code SERVER_SHUTTING_DOWN}, so that a load balancer and clients go elsewhere; {@code /cancel},
 * {@code /health}, {@code /metrics} and the two statements about async statements ({@code CALL fb_GetAsyncStatus} and
 * {@code CANCEL QUERY}) keep working. Statements of either kind still running at the deadline are stopped by query id
 * with {@code SERVER_SHUTTING_DOWN}, which says the server stopped them, not their client: a synchronous one's client is
 * answered 503 in the usual shape, and an async one's status reads FAILED with that message.
 */
public final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** Where {@link QueryHandler} leaves the statement's query id, for a stop at the deadline. */
    static final String QUERY_ID = "outcrop.queryId";
    /** Set by {@link #guard()} on a statement request that arrived while draining; {@link QueryHandler} refuses it unless it is about an async statement. */
    static final String ARRIVED_DRAINING = "outcrop.arrivedDraining";
    /** How long stopped statements get to answer their clients and end before the server closes anyway. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    private final Set<RoutingContext> inFlight = new HashSet<>();
    /** The query ids of the async statements running, each under a key of its own (a client may reuse a query id). */
    private final Map<Object, String> asyncRunning = new HashMap<>();
    private boolean draining;
    /** The grace period has run out: statements that start from now on are stopped at once. */
    private boolean deadlinePassed;
    private Outcrop outcrop;
    private Duration grace = Duration.ZERO;

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
            if (statement) {
                // Only the body tells whether it asks about an async statement (answered) or is a new one (refused): the
                // query handler reads it and decides. Not counted in flight: it starts nothing the drain must wait for.
                ctx.put(ARRIVED_DRAINING, Boolean.TRUE);
                ctx.next();
                return;
            }
            if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
                ctx.request().handler(ignored -> { }).resume();
            }
            ErrorResponses.send(ctx, refusal(), "-");
        };
    }

    /** The answer to a new request while draining; {@link ErrorResponses} adds {@code Connection: close}, so that a keep-alive client's next request finds another server. */
    static RequestRefused refusal() {
        return new RequestRefused(503, OutcropErrorCode.SERVER_SHUTTING_DOWN, "this server is shutting down: it "
                + "finishes the statements it is running and takes no new ones; send the request to another server of the deployment, "
                + "or retry once this one has restarted");
    }

    private synchronized void finished(RoutingContext ctx) {
        inFlight.remove(ctx);
        notifyAll();
    }

    /**
     * Counts a statement started with {@code async=true} until {@code outcome} completes, so that the drain waits for it
     * and stops it at the deadline like a synchronous one. Call it after the statement started (its query id is known to
     * Outcrop): one that starts after the deadline is stopped here at once.
     */
    void asyncStarted(String queryId, CompletionStage<?> outcome) {
        requireNonNull(queryId, "queryId is null");
        synchronized (this) {
            if (!deadlinePassed) {
                Object key = new Object();
                asyncRunning.put(key, queryId);
                outcome.whenComplete((ignored, failure) -> asyncEnded(key));
                return;
            }
        }
        stop(queryId);
    }

    /**
     * For any statement that has just started: one that started after the deadline (its request passed the guard before
     * the drain began, but was slow to start) is stopped at once, since the drain's own stops have already been sent.
     */
    void started(String queryId) {
        requireNonNull(queryId, "queryId is null");
        synchronized (this) {
            if (!deadlinePassed) {
                return;
            }
        }
        stop(queryId);
    }

    private synchronized void asyncEnded(Object key) {
        asyncRunning.remove(key);
        notifyAll();
    }

    /** Whether {@link #drain} has started. */
    public synchronized boolean draining() {
        return draining;
    }

    /** Synchronous statements in flight now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /** Async statements running now. */
    public synchronized int asyncRunning() {
        return asyncRunning.size();
    }

    /**
     * Refuses new statements from now on, waits up to {@code grace} for those in flight and the async ones running to
     * finish, then stops the rest through {@code outcrop} with {@code SERVER_SHUTTING_DOWN} and gives them
     * {@link #CANCEL_GRACE} to answer and end. Blocking; call it before closing the HTTP server.
     *
     * @return how many statements were stopped
     */
    public int drain(Duration grace, Outcrop outcrop) {
        requireNonNull(grace, "grace is null");
        requireNonNull(outcrop, "outcrop is null");
        Set<String> toStop = new LinkedHashSet<>();
        synchronized (this) {
            this.outcrop = outcrop;
            this.grace = grace;
            draining = true;
            if (!idle()) {
                log.info("Shutting down: waiting up to {} s for {} statement(s) in flight and {} async statement(s)", grace.toSeconds(),
                        inFlight.size(), asyncRunning.size());
            }
            awaitIdle(grace);
            deadlinePassed = true;
            for (RoutingContext ctx : inFlight) {
                String queryId = ctx.get(QUERY_ID);
                if (queryId != null) {
                    toStop.add(queryId);
                }
            }
            toStop.addAll(asyncRunning.values());
        }
        // Outside the lock: a stop completes futures whose handlers may end responses, which calls finished().
        int stopped = 0;
        for (String queryId : toStop) {
            if (stop(queryId)) {
                stopped++;
            }
        }
        if (!toStop.isEmpty()) {
            log.warn("Shutting down: stopped {} statement(s) still running after {} s", stopped, grace.toSeconds());
            synchronized (this) {
                awaitIdle(CANCEL_GRACE);
            }
        }
        return stopped;
    }

    private boolean stop(String queryId) {
        Outcrop target;
        Duration waited;
        synchronized (this) {
            target = outcrop;
            waited = grace;
        }
        return target.stop(queryId, stoppedAtDeadline(queryId, waited));
    }

    /** The failure of a statement the server stopped: its client did nothing wrong, and may send it again elsewhere. */
    static OutcropException stoppedAtDeadline(String queryId, Duration grace) {
        return new OutcropException(OutcropErrorCode.SERVER_SHUTTING_DOWN, "query " + StrictText.printableAscii(queryId) + " was stopped by "
                + "the server: it was shutting down and the statement was still running at its shutdown deadline ("
                + "outcrop.server.shutdown-grace-seconds = " + grace.toSeconds() + "). No further model call was made and the calls in "
                + "flight were aborted; statements of the script that had already finished stay done. Send it again to another server "
                + "of the deployment, or once this one has restarted");
    }

    private boolean idle() {
        return inFlight.isEmpty() && asyncRunning.isEmpty();
    }

    private void awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (long left = limit.toNanos(); !idle() && left > 0; left = deadline - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
