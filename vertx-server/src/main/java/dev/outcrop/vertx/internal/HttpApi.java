package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The routes: {@code POST /} runs SQL; {@code GET /health} says the service is up. */
public final class HttpApi {

    private HttpApi() {
    }

    public static Router router(Vertx vertx, Outcrop outcrop, ServerConfig config) {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
        router.post("/").handler(BodyHandler.create(false).setBodyLimit(config.maxStatementBytes()).setHandleFileUploads(false));
        router.post("/").handler(QueryHandler.create(outcrop, config));
        router.post("/").failureHandler(ctx -> {
            int status = ctx.statusCode();
            OutcropException error = status == 413
                    ? new OutcropException(OutcropErrorCode.STATEMENT_TOO_LARGE, "the statement is larger than the limit of " + config.maxStatementBytes()
                            + " bytes; send a smaller statement or raise outcrop.server.max-statement-bytes")
                    : new OutcropException(OutcropErrorCode.INTERNAL, "the request could not be read (status " + status + ")");
            ErrorResponses.Response response = ErrorResponses.of(error, "-");
            ctx.response().setStatusCode(status == 413 ? 413 : response.status()).putHeader("Content-Type", "application/json").end(response.body());
        });
        return router;
    }
}
