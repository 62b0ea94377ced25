package dev.outcrop.vertx.internal;

import dev.outcrop.vertx.config.ServerConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of every request: when the response ends it writes one access-log line (method,
 * route, status, duration, query id, principal, bytes sent) and records the request in the metrics.
 * The line holds no SQL text, no query string and no header values, so no statement, prompt or secret
 * reaches the log. The line is handed to {@link AccessLog}, which writes it off the event loop.
 */
final class RequestObserver implements Handler<RoutingContext> {

    private final ServerConfig config;
    private final PrometheusMeterRegistry registry;
    private final AccessLog accessLog;
    /** Shared by every listener's observer: one gauge (see {@link ServerMetrics}). */
    private final AtomicInteger inProgress;
    /** Bounded: {@link #route} names a fixed set, and statuses are the few this server answers. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    RequestObserver(ServerConfig config, ServerMetrics metrics, AccessLog accessLog) {
        this.config = config;
        this.registry = metrics.registry();
        this.inProgress = metrics.httpRequestsInProgress();
        this.accessLog = accessLog;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        inProgress.incrementAndGet();
        ctx.addEndHandler(ended -> {
            inProgress.decrementAndGet();
            long nanos = System.nanoTime() - started;
            int status = ctx.response().getStatusCode();
            String route = route(ctx.request().path());
            timers.computeIfAbsent(new TimerKey(route, status), this::timer).record(nanos, TimeUnit.NANOSECONDS);
            String queryId = ctx.response().headers().get("X-Outcrop-Query-Id");
            accessLog.write(ctx.request().method() + " " + route + " " + status + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + "ms query_id="
                    + (queryId == null ? "-" : queryId) + " principal=" + principal(ctx) + " bytes=" + ctx.response().bytesWritten()
                    + (ended.succeeded() ? "" : " (connection closed before the answer was sent)"));
        });
        ctx.next();
    }

    /** One timer per route and status; looked up here, since building its id and finding it in the registry costs more than the request's other bookkeeping. */
    private Timer timer(TimerKey key) {
        return Timer.builder("outcrop.http.requests")
                .description("HTTP requests by route and status")
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }

    private record TimerKey(String route, int status) {
    }

    /** The principal the request ran as: a handler that authenticates puts it in the context under "outcrop.principal". */
    private String principal(RoutingContext ctx) {
        Object principal = ctx.get("outcrop.principal");
        return principal != null ? principal.toString() : config.principal();
    }

    /** A fixed set of names, so that neither the log nor the metrics grow with whatever paths clients send. */
    static String route(String path) {
        if (path == null) {
            return "other";
        }
        return switch (path) {
            case "/", "/query" -> "query";
            case "/cancel" -> "cancel";
            case "/health", "/health/ready" -> path.substring(1).replace('/', '_');
            case "/metrics" -> "metrics";
            default -> "other";
        };
    }
}
