package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.UseDatabase;
import dev.outcrop.vertx.auth.Caller;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /} (and {@code POST /query}) with SQL as the body, as Firebolt takes it. The query string
 * carries the output format, database, query id and label, and session settings (see
 * {@link QueryParameters}); a changed database or setting comes back in {@code Firebolt-Update-Parameters}
 * so that stateless clients carry it forward.
 *
 * <p>The event loop gathers bytes, writes answers and renders small collected results (see {@link RenderCost}):
 * decoding, parsing and starting the statement run in one task on Outcrop's executor, where the statement also plans,
 * a larger collected result is rendered on a worker thread, and streamed rows are rendered on the engine's.
 * A client that disconnects cancels its statement.
 */
public final class QueryHandler implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);
    /** {@code USE ENGINE name} or {@code USE ENGINE "name"}, as the SDKs send it; the parser does not know engines. */
    private static final Pattern USE_ENGINE = Pattern.compile("(?is)\\s*USE\\s+ENGINE\\s+(?:\"((?:[^\"]|\"\")*)\"|([A-Za-z_][A-Za-z0-9_$]*))\\s*;?\\s*");

    /** {@code CALL fb_GetAsyncStatus('<token>')}, as the Node.js SDK polls an async statement. */
    private static final Pattern ASYNC_STATUS = Pattern.compile("(?is)\\s*CALL\\s+fb_GetAsyncStatus\\s*\\(\\s*'([^']*)'\\s*\\)\\s*;?\\s*");
    /** {@code CANCEL QUERY WHERE query_id = '<id>'}, as the SDKs cancel an async statement. */
    private static final Pattern CANCEL_QUERY = Pattern.compile("(?is)\\s*CANCEL\\s+QUERY\\s+WHERE\\s+query_id\\s*=\\s*'([^']*)'\\s*;?\\s*");

    private final Outcrop outcrop;
    private final ServerConfig config;
    private final Drain drain;
    private final AsyncQueries asyncQueries = new AsyncQueries();

    private QueryHandler(Outcrop outcrop, ServerConfig config, Drain drain) {
        this.outcrop = outcrop;
        this.config = config;
        this.drain = drain;
    }

    public static QueryHandler create(Outcrop outcrop, ServerConfig config, Drain drain) {
        return new QueryHandler(outcrop, java.util.Objects.requireNonNull(config, "config is null"), java.util.Objects.requireNonNull(drain,
                "drain is null"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        QueryParameters parameters;
        ResultFormats.Format format;
        String queryId;
        try {
            parameters = QueryParameters.parse(ctx.request().query());
            format = ResultFormats.Format.parse(parameters.get("output_format"));
            queryId = queryId(parameters);
            ctx.put(Drain.QUERY_ID, queryId);
            refuseUnsupported(parameters);
        }
        catch (RequestRefused e) {
            // The body is not needed: drop it, so that the connection can carry the next request.
            ctx.request().handler(ignored -> { }).resume();
            ErrorResponses.send(ctx, e, "-");
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        BodyReader.read(ctx, config.maxStatementBytes())
                .onSuccess(raw -> leaveEventLoop(ctx, context, raw, parameters, format, queryId, started))
                .onFailure(failure -> ErrorResponses.send(ctx, failure, queryId));
    }

    /**
     * Decodes the body, parses the SQL and starts the statement in one task on Outcrop's executor: one hand-off from the
     * event loop where there were three (decode on a worker, back to the event loop, run on a worker), and the statement
     * then plans on that same thread instead of being handed to Outcrop's executor once more. Each hand-off wakes a
     * parked thread, which on a small machine costs more CPU than the work it carries.
     */
    private void leaveEventLoop(RoutingContext ctx, Context context, BodyReader.RawBody raw, QueryParameters parameters,
                                ResultFormats.Format format, String queryId, long started) {
        try {
            outcrop.executor().execute(() -> {
                try {
                    String sql = BodyReader.decode(raw, config.maxStatementBytes());
                    run(ctx, context, new Request(sql, parameters, BoundParameters.parse(parameters.get("query_parameters")), format, queryId,
                            started));
                }
                catch (Throwable failure) {
                    // As Vert.x's executeBlocking did: whatever the task threw (a parser's StackOverflowError included) is answered.
                    context.runOnContext(ignored -> ErrorResponses.send(ctx, failure, queryId));
                }
            });
        }
        catch (RejectedExecutionException e) {
            ErrorResponses.send(ctx, new RequestRefused(503, OutcropErrorCode.SERVER_SHUTTING_DOWN, "this server is shutting down and "
                    + "takes no new statements: send it to another instance, or again once this one has restarted"), queryId);
        }
    }

    /** One decoded request. */
    private record Request(String sql, QueryParameters parameters, List<Object> values, ResultFormats.Format format, String queryId,
                           long startedNanos) {
    }

    private static String queryId(QueryParameters parameters) {
        String given = parameters.get("query_id");
        if (given == null) {
            return UUID.randomUUID().toString();
        }
        if (given.length() > 256) {
            throw RequestRefused.badRequest("the query parameter query_id is " + given.length() + " characters long: send at most 256");
        }
        return given;
    }

    private static void refuseUnsupported(QueryParameters parameters) {
        String async = parameters.get("async");
        if (async != null && !async.equalsIgnoreCase("true") && !async.equalsIgnoreCase("false")) {
            throw RequestRefused.badRequest("the query parameter async must be true or false, but was '" + async + "'");
        }
    }

    /** Runs on Outcrop's executor (never the event loop): sets up the session, starts the statement and arranges the answer. */
    private void run(RoutingContext ctx, Context context, Request request) {
        // Who runs the statement: the token's user in the token's account, or the configured principal without auth.
        Caller caller = Caller.of(ctx, config);
        if (ctx.get(Drain.ARRIVED_DRAINING) != null && !ASYNC_STATUS.matcher(request.sql()).matches()
                && !CANCEL_QUERY.matcher(request.sql()).matches()) {
            // While the server drains, a client may still learn how its async statement went, or cancel it; nothing new starts.
            throw Drain.refusal();
        }
        if (request.sql().isBlank()) {
            throw new OutcropException(OutcropErrorCode.SQL_SYNTAX_ERROR, "the request body is empty: send one SQL script as the body, e.g. "
                    + "curl --data-binary 'SELECT 1' http://" + config.host() + ":" + config.port() + "/");
        }
        Matcher useEngine = USE_ENGINE.matcher(request.sql());
        if (useEngine.matches()) {
            useEngine(ctx, context, useEngine.group(1) != null ? useEngine.group(1).replace("\"\"", "\"") : useEngine.group(2), request);
            return;
        }
        Matcher asyncStatus = ASYNC_STATUS.matcher(request.sql());
        if (asyncStatus.matches()) {
            QueryResult status = asyncQueries.status(asyncStatus.group(1), caller.accountName(), caller.userName())
                    .orElseThrow(() -> new RequestRefused(404, OutcropErrorCode.INVALID_ARGUMENT, "no async statement has the token '"
                            + StrictText.printableAscii(asyncStatus.group(1)) + "' on this server (tokens are kept for "
                            + AsyncQueries.KEEP.toHours() + " hour after the statement ends)"));
            answer(ctx, context, status, request);
            return;
        }
        Matcher cancelQuery = CANCEL_QUERY.matcher(request.sql());
        if (cancelQuery.matches()) {
            outcrop.openSession(caller.accountName(), caller.userName()).cancel(cancelQuery.group(1));
            answer(ctx, context, QueryResult.status("CANCEL QUERY"), request);
            return;
        }
        Session session = outcrop.openSession(caller.accountName(), caller.userName());
        String database = request.parameters().get("database");
        if (database != null) {
            // The protocol is stateless: clients send back the database that USE DATABASE gave them.
            Databases.check(database, config);
            join(session.execute(new UseDatabase(Identifier.of(database))));
        }
        Map<String, String> given = new HashMap<>();
        request.parameters().settings().forEach((name, value) -> {
            join(session.execute(new SetSetting(Identifier.of(name), new StringLiteral(value))));
            given.put(name, value);
        });
        QueryOptions options = QueryOptions.defaults().withQueryId(request.queryId()).withQueryLabel(request.parameters().get("query_label"))
                .withParameters(request.values());
        log.debug("Query received [queryId={}, chars={}, format={}]", request.queryId(), request.sql().length(), request.format());
        if ("true".equalsIgnoreCase(request.parameters().get("async"))) {
            // Answered at once; the statement runs on without its client, so a disconnect does not cancel it.
            RunningQuery<QueryResult> running = session.start(request.sql(), options);
            // The drain waits for it, and stops it at the deadline, like a statement whose client waits.
            drain.asyncStarted(running.queryId(), running.result());
            String token = asyncQueries.register(caller.accountName(), caller.userName(), running);
            String body = "{\"message\":\"the statement runs asynchronously\",\"monitorSql\":\"CALL fb_GetAsyncStatus('" + token
                    + "');\",\"token\":\"" + token + "\"}";
            context.runOnContext(ignored -> ctx.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Outcrop-Query-Id", request.queryId()).end(body));
            return;
        }
        if (request.format() == ResultFormats.Format.JSON_LINES_COMPACT) {
            RunningQuery<RowStream> running = session.startStream(request.sql(), options);
            drain.started(running.queryId());
            CompletableFuture<RowStream> stream = running.result().toCompletableFuture();
            if (!streamable(stream)) {
                // Only a script ending in SELECT streams; the check fails at once, before any statement ran, so run it collected.
                collect(ctx, context, session, session.start(request.sql(), options), request, database, given);
                return;
            }
            context.runOnContext(ignored -> ctx.response().closeHandler(closed -> running.cancel()));
            Future.fromCompletionStage(stream, context)
                    .onSuccess(rows -> startStreaming(ctx, context, session, rows, running, request, database, given))
                    .onFailure(failure -> ErrorResponses.send(ctx, failure, request.queryId()));
            return;
        }
        collect(ctx, context, session, session.start(request.sql(), options), request, database, given);
    }

    private static boolean streamable(CompletableFuture<RowStream> stream) {
        if (!stream.isCompletedExceptionally()) {
            return true;
        }
        Throwable failure = stream.handle((ok, error) -> error).join();
        while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return !(failure instanceof OutcropException e && e.errorCode().equals(OutcropErrorCode.INVALID_ARGUMENT.toErrorCode())
                && e.getMessage().startsWith("only a SELECT can be streamed"));
    }

    private void collect(RoutingContext ctx, Context context, Session session, RunningQuery<QueryResult> running, Request request,
                         String database, Map<String, String> given) {
        drain.started(running.queryId());
        context.runOnContext(ignored -> ctx.response().closeHandler(closed -> running.cancel()));
        Future.fromCompletionStage(running.result(), context)
                .compose(result -> {
                    if (RenderCost.isSmall(result)) {
                        // A few rows render in microseconds: here on the event loop, rather than a worker's wake-up and the way back.
                        return Future.succeededFuture(render(session, result, request, database, given));
                    }
                    return ctx.vertx().executeBlocking(() -> render(session, result, request, database, given), false);
                })
                .onSuccess(rendered -> {
                    HttpServerResponse response = ctx.response();
                    if (response.closed()) {
                        return;
                    }
                    rendered.updates().apply(response);
                    response.putHeader("Content-Type", request.format().contentType)
                            .putHeader("X-Outcrop-Query-Id", request.queryId())
                            .end(rendered.body());
                })
                .onFailure(failure -> ErrorResponses.send(ctx, failure, request.queryId()));
    }

    private Rendered render(Session session, QueryResult result, Request request, String database, Map<String, String> given) {
        SessionHeaders updates = SessionHeaders.of(session, database, given, config);
        double elapsed = (System.nanoTime() - request.startedNanos()) / 1e9;
        return new Rendered(ResultFormats.render(result, request.format(), request.queryId(), request.parameters().get("query_label"), elapsed),
                updates);
    }

    private record Rendered(String body, SessionHeaders updates) {
    }

    private void startStreaming(RoutingContext ctx, Context context, Session session, RowStream rows, RunningQuery<RowStream> running,
                                Request request, String database, Map<String, String> given) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            running.cancel();
            return;
        }
        SessionHeaders updates;
        try {
            updates = SessionHeaders.of(session, database, given, config);
        }
        catch (RuntimeException e) {
            running.cancel();
            ErrorResponses.send(ctx, e, request.queryId());
            return;
        }
        updates.apply(response);
        response.setChunked(true)
                .putHeader("Content-Type", request.format().contentType)
                .putHeader("X-Outcrop-Query-Id", request.queryId())
                .write(ResultFormats.startRecord(rows.columns(), request.queryId(), request.parameters().get("query_label")) + "\n");
        rows.rows().subscribe(new JsonLinesResponder(context, response, request.queryId(), request.startedNanos(), () -> { }));
    }

    private void useEngine(RoutingContext ctx, Context context, String engine, Request request) {
        if (!engine.equalsIgnoreCase(config.engineName())) {
            throw new RequestRefused(404, OutcropErrorCode.NOT_SUPPORTED, "the engine '" + StrictText.printableAscii(engine)
                    + "' does not exist: this service is one engine, named '" + config.engineName() + "'");
        }
        // Firebolt's engine answers USE ENGINE with Reset-Session: the client keeps its database and drops its settings.
        answer(ctx, context, QueryResult.status("USE ENGINE"), request, SessionHeaders.RESET);
    }

    /** Answers with a result the service computed itself (USE ENGINE, async status), rendered here on the worker. */
    private static void answer(RoutingContext ctx, Context context, QueryResult result, Request request) {
        answer(ctx, context, result, request, null);
    }

    private static void answer(RoutingContext ctx, Context context, QueryResult result, Request request, SessionHeaders headers) {
        double elapsed = (System.nanoTime() - request.startedNanos()) / 1e9;
        String body = ResultFormats.render(result, request.format(), request.queryId(), request.parameters().get("query_label"), elapsed);
        context.runOnContext(ignored -> {
            if (headers != null) {
                headers.apply(ctx.response());
            }
            ctx.response().putHeader("Content-Type", request.format().contentType)
                    .putHeader("X-Outcrop-Query-Id", request.queryId())
                    .end(body);
        });
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        }
        catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
