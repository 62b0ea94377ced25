package dev.outcrop.sql;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.sql.internal.ExpressionWriter;
import dev.outcrop.sql.internal.StatementWriter;

/**
 * Turns the model back into canonical SQL: one line, keywords in upper case, names quoted only when
 * they must be, strings in single quotes. {@link SqlParser} reads the output back to an equal model.
 *
 * <p>{@link #format(Statement)} writes credential values as they are, so its output is as secret as
 * the statement; use {@link #formatMasked(Statement)} for anything shown or logged (such as the
 * {@code ddl} column of {@code information_schema.locations}).
 */
public final class SqlFormatter {

    private SqlFormatter() {
    }

    public static String format(Statement statement) {
        return StatementWriter.write(requireNonNull(statement, "statement is null"), false);
    }

    public static String format(Expression expression) {
        StringBuilder out = new StringBuilder();
        ExpressionWriter.write(out, requireNonNull(expression, "expression is null"));
        return out.toString();
    }

    /** As {@link #format(Statement)}, with every credential value (key id and role ARN included) written as {@code '****'}. */
    public static String formatMasked(Statement statement) {
        return StatementWriter.write(requireNonNull(statement, "statement is null"), true);
    }
}
