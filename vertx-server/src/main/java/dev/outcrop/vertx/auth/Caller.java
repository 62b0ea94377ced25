package dev.outcrop.vertx.auth;

import static java.util.Objects.requireNonNull;

import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.ext.web.RoutingContext;

/**
 * Whom a request runs as: the account and user its statements run in and as. The bearer check puts the
 * token's identity on the request; without one (the unauthenticated loopback mode, or routes mounted
 * in an application) the configured account and principal serve.
 */
public record Caller(String accountName, String userName) {

    private static final String KEY = "outcrop.caller";

    public Caller {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(userName, "userName is null");
    }

    /** The caller the bearer check found, else the configuration's account and principal. */
    public static Caller of(RoutingContext ctx, ServerConfig config) {
        Caller caller = ctx.get(KEY);
        return caller != null ? caller : new Caller(config.account(), config.principal());
    }

    /** The caller the bearer check attached, or null. */
    static Caller attached(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }
}
