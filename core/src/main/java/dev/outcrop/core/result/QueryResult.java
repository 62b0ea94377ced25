package dev.outcrop.core.result;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of one statement: columns and rows for a query, or a status message for a statement
 * that changes something (in which case there are no columns).
 *
 * @param statusMessage what the statement did, such as {@code CREATE LOCATION}
 */
public record QueryResult(List<Column> columns, List<Row> rows, String statusMessage) {

    public QueryResult {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(statusMessage, "statusMessage is null");
    }

    public static QueryResult status(String message) {
        return new QueryResult(List.of(), List.of(), message);
    }

    /** The value at the given row and column, for tests and small results. */
    public Object value(int row, int column) {
        return rows.get(row).get(column);
    }

    /** The index of the named column, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
