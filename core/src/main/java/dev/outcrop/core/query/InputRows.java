package dev.outcrop.core.query;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.result.Column;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Rows that the caller supplies to a streamed SELECT, which reads them with {@code FROM <name>}: the
 * batch path for an engine that holds its own rows (a Spark partition, a file) and wants core to compute
 * AI functions over them with the usual limits, throttling, sharing and embedding batching.
 *
 * <p>Values are as core holds them: {@code String} for TEXT, {@code Long} for BIGINT, {@code Double} for
 * DOUBLE, {@code Boolean} for BOOLEAN, null for NULL. The engine pulls {@code rows} on its own threads,
 * one pull at a time, as many rows ahead as the {@code ai_rows_ahead} setting allows; so the iterator
 * must not block (hold the rows in memory, or hand them out as they are already read).
 *
 * @param name the relation name the SELECT's FROM names (compared without regard to case)
 * @param columns the name and type of each value of a row
 * @param rows the rows, each an array of {@code columns.size()} values
 * @param rowCount how many rows there are, for progress; -1 when unknown
 */
public record InputRows(String name, List<Column> columns, Iterator<Object[]> rows, long rowCount) {

    public InputRows {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the input's name is blank: give the name its SELECT reads FROM");
        }
        name = name.toLowerCase(Locale.ROOT);
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(rows, "rows is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("input '" + name + "' needs at least one column");
        }
        if (rowCount < -1) {
            throw new IllegalArgumentException("rowCount must be -1 (unknown) or a count, but was " + rowCount);
        }
    }

    /** Rows held in memory, as a list. */
    public static InputRows of(String name, List<Column> columns, List<Object[]> rows) {
        return new InputRows(name, columns, List.copyOf(rows).iterator(), rows.size());
    }
}
