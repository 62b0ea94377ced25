package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /cancel?query_id=<id>}, as Firebolt's JDBC driver sends it: stops a running statement of the
 * same account and principal. 200 when it was stopped; 404 when no such statement runs (it may have ended).
 */
final class CancelHandler implements Handler<RoutingContext> {

    private final Outcrop outcrop;
    private final ServerConfig config;

    CancelHandler(Outcrop outcrop, ServerConfig config) {
        this.outcrop = outcrop;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Any body is ignored; reading it keeps the connection usable.
        ctx.request().handler(ignored -> { }).resume();
        String queryId;
        try {
            queryId = QueryParameters.parse(ctx.request().query()).get("query_id");
            if (queryId == null) {
                throw RequestRefused.badRequest("POST /cancel needs the query parameter query_id: POST /cancel?query_id=<id>");
            }
        }
        catch (RequestRefused e) {
            ErrorResponses.send(ctx, e, "-");
            return;
        }
        String id = queryId;
        ctx.vertx().executeBlocking(() -> outcrop.openSession(config.account(), config.principal()).cancel(id), false)
                .onSuccess(cancelled -> {
                    if (cancelled) {
                        ctx.response().putHeader("Content-Type", "application/json").end("{}");
                    }
                    else {
                        ErrorResponses.send(ctx, new RequestRefused(404, OutcropErrorCode.INVALID_ARGUMENT, "no statement with query id '"
                                + StrictText.printableAscii(id) + "' is running (it may have ended already)"), id);
                    }
                })
                .onFailure(failure -> ErrorResponses.send(ctx, failure, id));
    }
}
