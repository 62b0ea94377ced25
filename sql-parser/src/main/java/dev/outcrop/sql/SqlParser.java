package dev.outcrop.sql;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.spi.StatementParser;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.sql.internal.ScriptParser;

import java.util.List;

/**
 * Parses Outcrop's SQL (Firebolt's LOCATION and AI dialect) into core's statement model.
 * Thread-safe and stateless: each call works on its own.
 *
 * <p>Every malformed input fails with {@link dev.outcrop.core.error.SqlSyntaxException}, giving
 * line, column, what was found and what was expected, and an excerpt with a caret; credential values
 * never appear in it. Text longer than {@link SqlParserConfig#maxStatementLength()} fails with
 * {@link OutcropErrorCode#STATEMENT_TOO_LARGE} before any of it is read.
 */
public final class SqlParser implements StatementParser {

    private final SqlParserConfig config;

    /** With the default configuration; public because {@link java.util.ServiceLoader} needs it. */
    public SqlParser() {
        this(SqlParserConfig.defaults());
    }

    private SqlParser(SqlParserConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public static SqlParser create() {
        return new SqlParser();
    }

    public static SqlParser create(SqlParserConfig config) {
        return new SqlParser(config);
    }

    public SqlParserConfig config() {
        return config;
    }

    /** Exactly one statement; a trailing {@code ;} is allowed. */
    public Statement parseStatement(String sql) {
        return reader(sql).parseStatement();
    }

    /** Statements separated by {@code ;}; empty text gives an empty list. */
    @Override
    public List<Statement> parseScript(String sql) {
        return List.copyOf(reader(sql).parseScript());
    }

    /** Statements separated by {@code ;}, whose {@code $1}, {@code $2}, ... are bound to {@code parameters} as values. */
    @Override
    public List<Statement> parseScript(String sql, List<Object> parameters) {
        requireNonNull(parameters, "parameters is null");
        return List.copyOf(reader(sql, parameters).parseScript());
    }

    /** Exactly one expression, such as {@code AI_QUERY('model', 'prompt', 'location')}. */
    public Expression parseExpression(String sql) {
        return reader(sql).parseExpression();
    }

    private ScriptParser reader(String sql) {
        return reader(sql, List.of());
    }

    private ScriptParser reader(String sql, List<Object> parameters) {
        requireNonNull(sql, "sql is null");
        if (sql.length() > config.maxStatementLength()) {
            throw new OutcropException(OutcropErrorCode.STATEMENT_TOO_LARGE, "the statement text is " + sql.length()
                    + " characters long, more than the limit of " + config.maxStatementLength()
                    + ": send a shorter statement, or raise SqlParserConfig.maxStatementLength");
        }
        return new ScriptParser(sql, parameters, config.maxNestingDepth());
    }

    @Override
    public String toString() {
        return "SqlParser[" + config + "]";
    }
}
