package dev.outcrop.core.spi;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.statement.Statement;
import java.util.List;

/**
 * Turns SQL text into statements. Core calls it when given text; {@code outcrop-sql-parser} provides
 * one through {@link java.util.ServiceLoader}.
 */
public interface StatementParser {

    /**
     * Parses a script of one or more statements separated by {@code ;}.
     *
     * @throws dev.outcrop.core.error.SqlSyntaxException with the line and column of the first error
     */
    List<Statement> parseScript(String sql);

    /**
     * Parses a script whose {@code $1}, {@code $2}, ... stand for the given values: each is bound as a
     * literal of its type where the placeholder stands, and never becomes SQL text, so a value can hold
     * quotes or semicolons without changing the statement.
     *
     * @param parameters the values of {@code $1} onwards: {@link String}, {@link Long}, {@link Double},
     *                   {@link Boolean} or null
     * @throws dev.outcrop.core.error.OutcropException NOT_SUPPORTED when this parser cannot bind values
     */
    default List<Statement> parseScript(String sql, List<Object> parameters) {
        if (parameters.isEmpty()) {
            return parseScript(sql);
        }
        throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "this statement parser (" + getClass().getName()
                + ") cannot bind $n parameters: put the values into the SQL text, or use outcrop-sql-parser");
    }
}
