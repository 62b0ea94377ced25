package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import java.util.List;

/** What a SELECT reads from. */
public sealed interface Relation {

    /** A table or view, such as {@code org_db.information_schema.accounts}. */
    record TableName(List<Identifier> parts) implements Relation {
        public TableName {
            parts = List.copyOf(requireNonNull(parts, "parts is null"));
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a table name needs at least one part");
            }
        }
    }

    /** {@code (VALUES (...), ...) AS alias(column, ...)} */
    record Values(List<List<Expression>> rows, Identifier alias, List<Identifier> columnNames) implements Relation {
        public Values {
            rows = requireNonNull(rows, "rows is null").stream().map(List::copyOf).toList();
            requireNonNull(alias, "alias is null");
            columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("VALUES needs at least one row");
            }
        }
    }

    /**
     * A table-valued function such as {@code READ_CSV(URL => 'file:///reviews.csv', HEADER => TRUE) AS r}.
     *
     * @param alias the name that qualifies its columns, or null for the function's name
     */
    record TableFunction(FunctionCall call, Identifier alias) implements Relation {
        public TableFunction {
            requireNonNull(call, "call is null");
        }
    }
}
