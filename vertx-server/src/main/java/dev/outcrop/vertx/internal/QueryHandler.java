package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.statement.UseDatabase;
import dev.outcrop.vertx.auth.Caller;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /} with SQL as the body, as Firebolt Core takes it. Query-string parameters choose the
 * output format ({@code output_format}) and the database ({@code database}); {@code USE DATABASE}
 * answers with {@code Firebolt-Update-Parameters} so that stateless clients carry it forward.
 * Never blocks the event loop: the session does its work elsewhere and the answer is written from
 * the request's own context.
 */
public final class QueryHandler implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

    private final Outcrop outcrop;
    private final ServerConfig config;

    private QueryHandler(Outcrop outcrop, ServerConfig config) {
        this.outcrop = outcrop;
        this.config = config;
    }

    public static QueryHandler create(Outcrop outcrop, ServerConfig config) {
        return new QueryHandler(outcrop, config);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String queryId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        ResultFormats.Format format;
        try {
            format = ResultFormats.Format.parse(ctx.request().getParam("output_format"));
        }
        catch (IllegalArgumentException e) {
            fail(ctx, new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, e.getMessage()), queryId);
            return;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            fail(ctx, new OutcropException(OutcropErrorCode.SQL_SYNTAX_ERROR,
                    "the request body is empty: send one SQL statement as the body, e.g. curl --data-binary 'SELECT 1' http://" + config.host() + ":" + config.port() + "/"), queryId);
            return;
        }
        String sql = body.toString(java.nio.charset.StandardCharsets.UTF_8);
        Caller caller = Caller.of(ctx, config);
        Session session = outcrop.openSession(caller.accountName(), caller.userName());
        String database = ctx.request().getParam("database");
        if (database != null && !database.isBlank()) {
            // The protocol is stateless: clients send back the database that USE DATABASE gave them.
            session.execute(new UseDatabase(Identifier.of(database)));
        }
        log.debug("Query received [queryId={}, bytes={}]", queryId, body.length());
        Future.fromCompletionStage(session.execute(sql), ctx.vertx().getOrCreateContext())
                .onSuccess(result -> respond(ctx, session, result, format, queryId, started))
                .onFailure(failure -> fail(ctx, failure, queryId));
    }

    private static void respond(RoutingContext ctx, Session session, QueryResult result, ResultFormats.Format format, String queryId, long started) {
        HttpServerResponse response = ctx.response();
        if (session.database() != null) {
            response.putHeader("Firebolt-Update-Parameters", "database=" + session.database());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        response.putHeader("Content-Type", format.contentType)
                .putHeader("X-Outcrop-Query-Id", queryId)
                .end(ResultFormats.render(result, format, queryId, elapsed));
    }

    private static void fail(RoutingContext ctx, Throwable failure, String queryId) {
        ErrorResponses.Response error = ErrorResponses.of(failure, queryId);
        ctx.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Outcrop-Query-Id", queryId)
                .end(error.body());
    }
}
