package dev.outcrop.vertx.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.identity.ServiceAccountIdentity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Optional;

/**
 * The authenticated mode's routes, as Firebolt's SDKs call them:
 * <ul>
 *   <li>{@code POST /oauth/token}, a form with {@code client_id}, {@code client_secret} and
 *       {@code grant_type=client_credentials} ({@code audience} is accepted and ignored), answered with
 *       {@code access_token}, {@code token_type} and {@code expires_in};</li>
 *   <li>{@code GET /web/v3/account/{account}/engineUrl}, answered with {@code {"engineUrl": "host:port"}}: this
 *       server, as the client reached it;</li>
 *   <li>{@link #bearer()}, put in front of the query routes: a request without a valid, unexpired token whose
 *       service-account key is still current gets 401; one with gets its {@link Caller}.</li>
 * </ul>
 * Secrets are checked on Outcrop's executor (a slow hash); nothing here blocks an event loop.
 */
public final class ServiceAccountAuth {

    /** A form with an id and a secret is small; anything larger is not a token request. */
    private static final int MAX_FORM_BYTES = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outcrop outcrop;
    private final AccessTokens tokens;
    private final KeyCheckCache keys;
    private final ErrorWriter errors;

    /** Writes an error response in the server's error shape. */
    @FunctionalInterface
    public interface ErrorWriter {
        /**
         * @param status the HTTP status, or 0 for the one the error maps to
         */
        void write(RoutingContext ctx, int status, Throwable failure);
    }

    /**
     * @param keyRecheck how long this server trusts a key check; a deleted key stops working here within it
     * @param errors how errors are answered (the query routes' Firebolt error shape)
     */
    public ServiceAccountAuth(Outcrop outcrop, AccessTokens tokens, Duration keyRecheck, ErrorWriter errors) {
        this.errors = requireNonNull(errors, "errors is null");
        this.outcrop = requireNonNull(outcrop, "outcrop is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.keys = new KeyCheckCache(outcrop, requireNonNull(keyRecheck, "keyRecheck is null"));
    }

    /** Adds the token and engine-URL routes to {@code router}. */
    public Router mount(Router router) {
        router.post("/oauth/token").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES).setHandleFileUploads(false));
        router.post("/oauth/token").handler(this::token);
        router.get("/web/v3/account/:account/engineUrl").handler(bearer());
        router.get("/web/v3/account/:account/engineUrl").handler(this::engineUrl);
        return router;
    }

    /** Checks the request's bearer token and attaches its {@link Caller}; answers 401 itself otherwise. */
    public Handler<RoutingContext> bearer() {
        return this::checkBearer;
    }

    private void token(RoutingContext ctx) {
        String grantType = ctx.request().getFormAttribute("grant_type");
        String clientId = ctx.request().getFormAttribute("client_id");
        String secret = ctx.request().getFormAttribute("client_secret");
        if (!"client_credentials".equals(grantType)) {
            fail(ctx, 400, new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "grant_type must be client_credentials, but was "
                    + (grantType == null ? "missing" : "'" + abbreviate(grantType) + "'")
                    + ": send a form with client_id, client_secret and grant_type=client_credentials"));
            return;
        }
        if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()) {
            fail(ctx, 401, authenticationFailed("client_id and client_secret are required: send the service account's id and the secret"
                    + " that CALL fb_GENERATESERVICEACCOUNTKEY('<service account>') returned"));
            return;
        }
        Future.fromCompletionStage(outcrop.authenticateServiceAccount(clientId, secret), ctx.vertx().getOrCreateContext())
                .onSuccess(identity -> {
                    if (identity.isEmpty()) {
                        fail(ctx, 401, authenticationFailed("the client id and secret do not match a service account that has a key and a"
                                + " user: check them, generate a new key with CALL fb_GENERATESERVICEACCOUNTKEY('<service account>'), and link a"
                                + " user with CREATE USER <user> WITH SERVICE_ACCOUNT = <service account>"));
                        return;
                    }
                    ObjectNode body = JSON.createObjectNode()
                            .put("access_token", tokens.issue(identity.get()))
                            .put("token_type", "Bearer")
                            .put("expires_in", tokens.lifetime().toSeconds());
                    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.toString());
                })
                .onFailure(failure -> fail(ctx, 0, failure));
    }

    private void engineUrl(RoutingContext ctx) {
        Caller caller = Caller.attached(ctx);
        String account = ctx.pathParam("account");
        if (!caller.accountName().equals(account)) {
            // Another account's existence is not revealed: the same answer as for one that does not exist.
            fail(ctx, 404, new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + abbreviate(account)
                    + "' does not exist or is not the one this token was issued for ('" + caller.accountName() + "')"));
            return;
        }
        HostAndPort authority = ctx.request().authority();
        String engine = authority == null ? ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port()
                : authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
        ctx.response().putHeader("Content-Type", "application/json").end(JSON.createObjectNode().put("engineUrl", engine).toString());
    }

    private void checkBearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            fail(ctx, 401, authenticationFailed("this server needs an access token: get one from POST /oauth/token with a service"
                    + " account's client id and secret, and send it as Authorization: Bearer <token>"));
            return;
        }
        Optional<TokenClaims> claims = tokens.verify(header.substring(7).trim());
        if (claims.isEmpty()) {
            fail(ctx, 401, authenticationFailed("the access token is invalid or has expired: get a new one from POST /oauth/token"));
            return;
        }
        // The key check is asynchronous: hold the body until the query handler reads it, or it would arrive unread.
        if (!ctx.request().isEnded()) {
            ctx.request().pause();
        }
        Future.fromCompletionStage(keys.check(claims.get()), ctx.vertx().getOrCreateContext())
                .onSuccess(identity -> {
                    Optional<ServiceAccountIdentity> current = identity.filter(id -> id.accountName().equals(claims.get().accountName()));
                    if (current.isEmpty()) {
                        fail(ctx, 401, authenticationFailed("the access token's service account key was deleted or replaced, or its service"
                                + " account or user dropped: get a new token with the current secret"));
                        return;
                    }
                    new Caller(current.get().accountName(), current.get().userName()).attachTo(ctx);
                    ctx.next();
                })
                .onFailure(failure -> fail(ctx, 0, failure));
    }

    private static OutcropException authenticationFailed(String message) {
        return new OutcropException(OutcropErrorCode.AUTHENTICATION_FAILED, message);
    }

    private void fail(RoutingContext ctx, int status, Throwable failure) {
        if (!ctx.request().isEnded()) {
            // A refused request's body is read and dropped, so that the connection can carry the next request.
            ctx.request().handler(ignored -> { }).resume();
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        errors.write(ctx, status, failure);
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
