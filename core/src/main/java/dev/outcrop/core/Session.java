package dev.outcrop.core;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.internal.Engine;
import dev.outcrop.core.internal.SessionState;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.statement.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A principal's conversation with Outcrop: the account and principal every statement runs as, and the
 * settings that {@code USE DATABASE} and {@code SET} change. Statements of one session should run one
 * after the other; open several sessions for concurrent work.
 *
 * <p>Every method returns at once; the work, including catalog access, happens on Outcrop's executor
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
     * the last statement's result.
     */
    public CompletionStage<QueryResult> execute(String sql) {
        requireNonNull(sql, "sql is null");
        return engine.executeScript(state, sql).thenApply(results -> results.get(results.size() - 1));
    }

    /** Runs a script and returns the result of every statement. */
    public CompletionStage<List<QueryResult>> executeScript(String sql) {
        requireNonNull(sql, "sql is null");
        return engine.executeScript(state, sql);
    }

    /**
     * Runs a script whose last statement is a SELECT and streams that SELECT's rows: every row's model
     * call starts at once, and rows are handed out in order, as they are ready and as the subscriber
     * asks for them. The earlier statements of the script run first, in order.
     */
    public CompletionStage<RowStream> stream(String sql) {
        requireNonNull(sql, "sql is null");
        return engine.stream(state, sql);
    }

    /** Runs one parsed statement. */
    public CompletionStage<QueryResult> execute(Statement statement) {
        requireNonNull(statement, "statement is null");
        return engine.execute(state, statement);
    }
}
