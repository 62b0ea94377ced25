package dev.outcrop.core.result;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.Flow;

/**
 * A query's result as it arrives: its columns, known once the query is planned, and its rows as a
 * {@link Flow.Publisher} that emits them in order, each as soon as it and every row before it are
 * computed, never faster than the subscriber requests. One subscriber only.
 */
public record RowStream(List<Column> columns, Flow.Publisher<Row> rows) {
    public RowStream {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(rows, "rows is null");
    }
}
