package dev.outcrop.core.internal.plan;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.type.SqlType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns an expression may name: those of the FROM clause, with the relation's alias.
 *
 * @param relationName the alias or view name that qualifies these columns, or null when there is no FROM
 */
public record Scope(String relationName, List<String> columnNames, List<SqlType> columnTypes) {

    public static final Scope EMPTY = new Scope(null, List.of(), List.of());

    public int resolve(ColumnReference reference) {
        List<Identifier> parts = reference.parts();
        String column = reference.name().value();
        if (parts.size() > 2 || (parts.size() == 2 && !parts.get(0).value().equals(relationName))) {
            throw unknown(reference);
        }
        int index = columnNames.indexOf(column);
        if (index < 0) {
            throw unknown(reference);
        }
        return index;
    }

    private OutcropException unknown(ColumnReference reference) {
        String known = columnNames.isEmpty() ? "there is no FROM clause, so no column can be named"
                : "the columns are " + columnNames.stream().collect(Collectors.joining(", ")) + (relationName == null ? "" : " of " + relationName);
        return new OutcropException(OutcropErrorCode.UNKNOWN_COLUMN, "column '" + reference + "' does not exist: " + known);
    }
}
