package dev.outcrop.vertx.internal;

import dev.outcrop.vertx.config.ServerConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request: when the response ends it writes one access-log line (method,
 * route, status, duration, query id, principal, bytes sent) and records the request in the metrics.
 * The line holds no SQL text, no query string and no header values, so no statement, prompt or secret
 * reaches the log.
 */
final class RequestObserver implements Handler<RoutingContext> {

    /** Its own logger name, so that operators can route or silence access lines on their own. */
    private static final Logger access = LoggerFactory.getLogger("dev.outcrop.vertx.access");

    private final ServerConfig config;
    private final PrometheusMeterRegistry registry;
    private final AtomicInteger inProgress;

    RequestObserver(ServerConfig config, ServerMetrics metrics) {
        this.config = config;
        this.registry = metrics.registry();
        this.inProgress = metrics.httpRequestsInProgress();
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
            Timer.builder("outcrop.http.requests")
                    .description("HTTP requests by route and status")
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
            String queryId = ctx.response().headers().get("X-Outcrop-Query-Id");
            access.info("{} {} {} {}ms query_id={} principal={} bytes={}{}", ctx.request().method(), route, status,
                    TimeUnit.NANOSECONDS.toMillis(nanos), queryId == null ? "-" : queryId, principal(ctx), ctx.response().bytesWritten(),
                    ended.succeeded() ? "" : " (connection closed before the answer was sent)");
        });
        ctx.next();
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
