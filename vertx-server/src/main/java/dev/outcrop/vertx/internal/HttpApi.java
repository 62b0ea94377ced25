package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.vertx.auth.ServiceAccountAuth;
import dev.outcrop.vertx.config.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes: {@code POST /} and {@code POST /query} run SQL, {@code POST /cancel} stops a statement,
 * {@code GET /health} says the service is up; the standalone server adds {@code GET /health/ready} (the
 * catalog answers) and {@code GET /metrics} (Prometheus). Any other method on these paths gets 405 with a
 * Firebolt-shaped body.
 */
public final class HttpApi {

    private HttpApi() {
    }

    /**
     * The standalone server's router without authentication: the routes at the root, behind the unauthenticated
     * mode's {@link LoopbackOnly#requestGuard()}, and a Firebolt-shaped 404 for any other path.
     */
    public static Router router(Vertx vertx, Outcrop outcrop, ServerConfig config) {
        return router(vertx, outcrop, config, null, new Drain(), ServerMetrics.create().watch(outcrop));
    }

    /**
     * The standalone server's router. Without {@code auth} (null), every request runs as the configured principal,
     * so the loopback guard checks Host and Origin. With it, the token and engine-URL routes are added and the query
     * and cancel routes (at {@code /} and {@code /query}, where Firebolt's SDKs send queries) sit behind the bearer
     * check, which answers 401 itself; the guard is not needed, since a browser cannot add a bearer token to a
     * cross-origin request without CORS, which this server does not grant.
     */
    public static Router router(Vertx vertx, Outcrop outcrop, ServerConfig config, ServiceAccountAuth auth, Drain drain, ServerMetrics metrics) {
        Router router = Router.router(vertx);
        PrometheusMeterRegistry registry = metrics.registry();
        router.route().handler(new RequestObserver(config, metrics, AccessLog.shared()));
        // After the observer, so that a request refused while shutting down is counted and logged like any other.
        router.route().handler(drain.guard());
        if (auth == null) {
            router.route().handler(LoopbackOnly.requestGuard());
        }
        else {
            auth.mount(router);
            for (String path : new String[] {"/", "/query", "/cancel"}) {
                router.post(path).handler(auth.bearer());
            }
        }
        addRoutes(router, "", outcrop, config, drain);
        router.get("/health/ready").handler(new Readiness(outcrop, config));
        router.get("/metrics").handler(ctx -> ctx.vertx().executeBlocking(registry::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(failure -> ErrorResponses.send(ctx, failure, "-")));
        router.route().last().handler(ctx -> refuse(ctx, 404, "there is nothing at " + ctx.request().method() + " "
                + StrictText.printableAscii(ctx.request().path()) + ": POST SQL to / or /query"));
        return router;
    }

    /** Answers an error in Firebolt's shape; {@code status} 0 takes the one the error maps to (auth answers 401 itself). */
    public static void writeError(io.vertx.ext.web.RoutingContext ctx, int status, Throwable failure) {
        ErrorResponses.Response response = ErrorResponses.of(failure, java.util.UUID.randomUUID().toString());
        ctx.response().setStatusCode(status == 0 ? response.status() : status).putHeader("Content-Type", "application/json").end(response.body());
    }

    /**
     * Adds the routes to {@code router} under {@code prefix} ({@code ""} for the root, or a path such as
     * {@code /sql}): {@code POST prefix/}, {@code POST prefix/query}, {@code POST prefix/cancel} and
     * {@code GET prefix/health}. Vert.x matches a path with or without its trailing slash, so
     * {@code POST /sql} works as well as {@code POST /sql/}.
     */
    public static Router addRoutes(Router router, String prefix, Outcrop outcrop, ServerConfig config) {
        // Mounted in an application's router: the application shuts down its own server, so nothing here ever drains.
        return addRoutes(router, prefix, outcrop, config, new Drain());
    }

    private static Router addRoutes(Router router, String prefix, Outcrop outcrop, ServerConfig config, Drain drain) {
        String root = prefix.isEmpty() ? "/" : prefix;
        router.get(prefix + "/health").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
        QueryHandler query = QueryHandler.create(outcrop, config, drain);
        router.post(root).handler(query);
        router.post(prefix + "/query").handler(query);
        router.post(prefix + "/cancel").handler(new CancelHandler(outcrop, config));
        for (String path : new String[] {root, prefix + "/query", prefix + "/cancel"}) {
            router.route(path).handler(ctx -> methodNotAllowed(ctx, "POST"));
        }
        router.route(prefix + "/health").handler(ctx -> methodNotAllowed(ctx, "GET"));
        return router;
    }

    private static void methodNotAllowed(RoutingContext ctx, String allowed) {
        ctx.response().putHeader("Allow", allowed);
        refuse(ctx, 405, "the method " + ctx.request().method() + " is not allowed on " + StrictText.printableAscii(ctx.request().path())
                + ": use " + allowed + (allowed.equals("POST") ? " with the SQL as the body" : ""));
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        if (ctx.request().method() != HttpMethod.HEAD) {
            ctx.request().handler(ignored -> { }).resume();
        }
        ErrorResponses.send(ctx, new RequestRefused(status, status == 404 ? OutcropErrorCode.INVALID_ARGUMENT : OutcropErrorCode.NOT_SUPPORTED,
                message), "-");
    }
}
