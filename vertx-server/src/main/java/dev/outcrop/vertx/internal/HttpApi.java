package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.vertx.auth.ServiceAccountAuth;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The routes: {@code POST /} runs SQL; {@code GET /health} says the service is up. */
public final class HttpApi {

    private HttpApi() {
    }

    public static Router router(Vertx vertx, Outcrop outcrop, ServerConfig config) {
        return addRoutes(Router.router(vertx), "", outcrop, config);
    }

    /** Answers an error in Firebolt's shape; {@code status} 0 takes the one the error maps to (auth answers 401 itself). */
    public static void writeError(io.vertx.ext.web.RoutingContext ctx, int status, Throwable failure) {
        ErrorResponses.Response response = ErrorResponses.of(failure, java.util.UUID.randomUUID().toString());
        ctx.response().setStatusCode(status == 0 ? response.status() : status).putHeader("Content-Type", "application/json").end(response.body());
    }

    /**
     * The routes of the authenticated mode: the token and engine-URL routes, and the query routes behind the
     * bearer check (also at {@code POST /query}, where Firebolt's SDKs send queries).
     */
    public static Router router(Vertx vertx, Outcrop outcrop, ServerConfig config, ServiceAccountAuth auth) {
        Router router = Router.router(vertx);
        auth.mount(router);
        for (String path : new String[] {"/", "/query"}) {
            router.post(path).handler(BodyHandler.create(false).setBodyLimit(config.maxStatementBytes()).setHandleFileUploads(false));
            router.post(path).handler(auth.bearer());
        }
        addRoutes(router, "", outcrop, config);
        return addRoutes(router, "/query", outcrop, config);
    }

    /**
     * Adds the routes to {@code router} under {@code prefix} ({@code ""} for the root, or a path such as
     * {@code /sql}): {@code POST prefix/} and {@code GET prefix/health}. Vert.x matches a path with or
     * without its trailing slash, so {@code POST /sql} works as well as {@code POST /sql/}.
     */
    public static Router addRoutes(Router router, String prefix, Outcrop outcrop, ServerConfig config) {
        String query = prefix.isEmpty() ? "/" : prefix;
        router.get(prefix + "/health").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
        router.post(query).handler(BodyHandler.create(false).setBodyLimit(config.maxStatementBytes()).setHandleFileUploads(false));
        router.post(query).handler(QueryHandler.create(outcrop, config));
        router.post(query).failureHandler(ctx -> {
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
