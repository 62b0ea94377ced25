package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.Outcrop;
import dev.outcrop.vertx.config.ServerConfig;
import dev.outcrop.vertx.internal.HttpApi;
import io.vertx.ext.web.Router;

/**
 * Outcrop's HTTP routes, mounted in an application's own Vert.x {@link Router} instead of run as
 * {@link OutcropServer}: the same handlers, so the same protocol (Firebolt Core's), formats and errors.
 *
 * <pre>{@code
 * Router router = Router.router(vertx);
 * router.get("/hello").handler(ctx -> ctx.end("hello\n"));                    // the application's own routes
 * OutcropRoutes.mount(router, "/sql", outcrop, "my_account", "admin");         // POST /sql runs SQL
 * vertx.createHttpServer().requestHandler(router).listen(8080);
 * }</pre>
 *
 * <p>Under the mount point: {@code POST /} takes one SQL script as the body (any content type, such as
 * {@code text/plain}) with the query-string parameters {@code output_format} and {@code database};
 * {@code GET /health} answers {@code ok}. Every request runs as the one account and principal given,
 * as in the standalone server; authenticate callers in a handler of your own in front of the mount point.
 *
 * <p>The application owns its Vert.x, the router and {@code outcrop}, and closes them.
 */
public final class OutcropRoutes {

    private OutcropRoutes() {
    }

    /**
     * Mounts the routes under {@code mountPoint} with the server's default statement size limit.
     *
     * @param router the application's router; the routes are added to it directly, after those it has
     * @param mountPoint a path such as {@code /sql}, without a trailing slash or wildcard; SQL is then posted to
     *                   {@code /sql} or {@code /sql/}
     * @param account the account every request runs in
     * @param principal the user every request runs as
     * @return {@code router}, for chaining
     */
    public static Router mount(Router router, String mountPoint, Outcrop outcrop, String account, String principal) {
        requireNonNull(account, "account is null");
        requireNonNull(principal, "principal is null");
        return mount(router, mountPoint, outcrop, ServerConfig.builder().account(account).principal(principal).build());
    }

    /**
     * Mounts the routes under {@code mountPoint}, taking the account, principal and
     * {@link ServerConfig#maxStatementBytes()} from {@code config}; its host and port are not listened on
     * (the application's server does the listening).
     */
    public static Router mount(Router router, String mountPoint, Outcrop outcrop, ServerConfig config) {
        requireNonNull(router, "router is null");
        requireNonNull(mountPoint, "mountPoint is null");
        requireNonNull(outcrop, "outcrop is null");
        requireNonNull(config, "config is null");
        if (!mountPoint.startsWith("/") || mountPoint.endsWith("/") || mountPoint.contains("*")) {
            throw new IllegalArgumentException("mountPoint must start with '/' and end with neither '/' nor '*', such as /sql, but was '"
                    + mountPoint + "'");
        }
        // On the application's router itself, not a sub-router: a sub-router sees POST /sql as an empty path.
        return HttpApi.addRoutes(router, mountPoint, outcrop, config);
    }
}
