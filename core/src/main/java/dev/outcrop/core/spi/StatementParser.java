package dev.outcrop.core.spi;

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
}
