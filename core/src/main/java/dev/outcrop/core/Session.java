package dev.outcrop.core;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.internal.engine.Engine;
import dev.outcrop.core.internal.run.SessionState;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.internal.source.BoundRelation;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.Row;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.Map;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A principal's conversation with Outcrop: the account and principal every statement runs as, and the
 * settings that {@code USE DATABASE} and {@code SET} change. Statements of one session should run one
 * after the other; open several sessions for concurrent work.
 *
 * <p>Every request runs under a query id (see {@link #start}), and can be watched and cancelled while it
 * runs. Every method returns at once; the work, including catalog access, happens on Outcrop's executor
 * and the model runtime's threads, so a session may be used from an event loop.
 */
public final class Session {

    private final Engine engine;
    private final SessionState state;

    Session(Engine engine, String accountName, String principalName) {
        this.engine = engine;
        this.state = new SessionState(accountName, principalName);
    }

    public String accountName() {
        return state.accountName();
    }

    public String principalName() {
        return state.principalName();
    }

    /** The database chosen by {@code USE DATABASE}, or null. */
    public String database() {
        return state.database();
    }

    /** Settings changed by {@code SET name = value}. */
    public Map<String, String> settings() {
        return state.settings();
    }

    /**
     * Runs a script of one or more statements, in order, stopping at the first failure, and returns
     * the last statement's result. Cancelling the returned future cancels the script.
     */
    public CompletionStage<QueryResult> execute(String sql) {
        return start(sql, QueryOptions.defaults()).result();
    }

    /** Runs a script and returns the result of every statement. */
    public CompletionStage<List<QueryResult>> executeScript(String sql) {
        requireNonNull(sql, "sql is null");
        return engine.start(state, sql, QueryOptions.defaults()).result();
    }

    /**
     * Starts a script and returns at once a handle with its query id, its progress, a way to cancel it,
     * and the last statement's result.
     */
    public RunningQuery<QueryResult> start(String sql, QueryOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(options, "options is null");
        RunningQuery<List<QueryResult>> script = engine.start(state, sql, options);
        CompletableFuture<List<QueryResult>> all = script.result().toCompletableFuture();
        CompletableFuture<QueryResult> last = all.thenApply(results -> results.get(results.size() - 1));
        last.whenComplete((ignored, failure) -> {
            if (last.isCancelled()) {
                script.cancel();
            }
        });
        return new RunningQuery<>() {
            @Override
            public String queryId() {
                return script.queryId();
            }

            @Override
            public QueryProgress progress() {
                return script.progress();
            }

            @Override
            public boolean cancel() {
                return script.cancel();
            }

            @Override
            public CompletionStage<QueryResult> result() {
                return last;
            }
        };
    }

    /**
     * Runs a script whose last statement is a SELECT and streams that SELECT's rows: rows are computed
     * ahead of the subscriber, a bounded number at a time, and handed out in order as they are ready and
     * as the subscriber asks for them. The earlier statements of the script run first, in order.
     * Cancelling the subscription cancels the query.
     */
    public CompletionStage<RowStream> stream(String sql) {
        return startStream(sql, QueryOptions.defaults()).result();
    }

    /** As {@link #stream(String)}, with a handle for the query id, progress and cancellation. */
    public RunningQuery<RowStream> startStream(String sql, QueryOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(options, "options is null");
        return engine.startStream(state, sql, options);
    }

    /**
     * As {@link #startStream(String, QueryOptions)}, where the SELECT may read the caller's rows with
     * {@code FROM <input name>}: core computes the SELECT's expressions, AI functions included, over those
     * rows, many calls in flight together under the scheduler's limits. Locations and privileges are
     * checked when the SELECT is planned, before the first row is pulled.
     */
    public RunningQuery<RowStream> startStream(String sql, InputRows input, QueryOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(input, "input is null");
        requireNonNull(options, "options is null");
        return engine.startStream(state, sql, input, options);
    }

    /** Runs one parsed statement. */
    public CompletionStage<QueryResult> execute(Statement statement) {
        requireNonNull(statement, "statement is null");
        return engine.start(state, statement, QueryOptions.defaults()).result();
    }

    /**
     * Binds rows from the application to a name that this session's SELECTs read in FROM, as
     * {@code SELECT AI_QUERY(model, prompt, 'loc') FROM input}: no SQL text is built from the data. The
     * rows are read with back-pressure, as the statement needs them (no faster than its model calls), and
     * each value is checked against its column's type as it arrives (TEXT takes String, BIGINT and INTEGER
     * Long or Integer, DOUBLE any Number, BOOLEAN Boolean, TIMESTAMPTZ Instant); a mismatch fails the
     * statement with the row's number and the column's name. A publisher can be read by one statement;
     * binding the name again replaces it.
     *
     * @param name a lowercase name ({@code [a-z_][a-z0-9_]*}), as SQL folds unquoted names to lowercase
     */
    public Session bind(String name, List<Column> columns, Flow.Publisher<Row> rows) {
        requireNonNull(rows, "rows is null");
        state.bind(checkName(name), BoundRelation.ofPublisher(name, checkColumns(columns), rows));
        return this;
    }

    /**
     * As {@link #bind(String, List, Flow.Publisher)}, for rows in a collection or any iterable (such as a
     * JDBC result wrapped as one). Every statement that reads the name iterates afresh, on Outcrop's
     * executor, since iterating may block. An iterator that is {@link AutoCloseable} is closed when the
     * statement stops reading it.
     */
    public Session bind(String name, List<Column> columns, Iterable<Row> rows) {
        requireNonNull(rows, "rows is null");
        state.bind(checkName(name), BoundRelation.ofIterable(name, checkColumns(columns), rows, engine.blockingExecutor()));
        return this;
    }

    private static String checkName(String name) {
        requireNonNull(name, "name is null");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("a bound relation's name must be lowercase letters, digits and '_', not starting with a digit, "
                    + "since SQL folds unquoted names to lowercase; but was '" + name + "'");
        }
        return name;
    }

    private static List<Column> checkColumns(List<Column> columns) {
        requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bind at least one column");
        }
        if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("every bound column needs its own name, but got " + columns);
        }
        return List.copyOf(columns);
    }

    /**
     * Cancels a query that this session's principal started in this account, by its query id.
     *
     * @return true if a running query was cancelled
     */
    public boolean cancel(String queryId) {
        requireNonNull(queryId, "queryId is null");
        return engine.cancel(state, queryId);
    }
}
