package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health/ready}: 200 when the server can read its catalog (it reads the account's quota,
 * one catalog round trip), 503 in Firebolt's error shape when it cannot within {@link #TIMEOUT_SECONDS}.
 * {@code GET /health} stays a pure liveness check, so that a catalog outage does not get servers restarted.
 */
final class Readiness implements Handler<RoutingContext> {

    static final long TIMEOUT_SECONDS = 5;

    private final Outcrop outcrop;
    private final ServerConfig config;

    Readiness(Outcrop outcrop, ServerConfig config) {
        this.outcrop = outcrop;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> outcrop.openSession(config.account(), config.principal())
                        .execute("SELECT name FROM account_db.information_schema.quotas")
                        .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS), false)
                .onSuccess(result -> ctx.response().putHeader("Content-Type", "text/plain").end("ready\n"))
                .onFailure(failure -> {
                    Throwable cause = failure instanceof java.util.concurrent.ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
                    String reason = cause instanceof OutcropException known ? known.getMessage()
                            : cause instanceof java.util.concurrent.TimeoutException ? "no answer within " + TIMEOUT_SECONDS + " s" : cause.toString();
                    ErrorResponses.send(ctx, new RequestRefused(503, OutcropErrorCode.CATALOG_UNAVAILABLE,
                            "not ready: the catalog could not be read (" + reason + ")"), "-");
                });
    }
}
