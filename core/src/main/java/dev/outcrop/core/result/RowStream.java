package dev.outcrop.core.result;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /**
     * Every row, in order, asked for all at once: completes when the last one arrives, or with the stream's failure.
     * It is the stream's one subscriber, and it holds every row, so keep it for results that fit in memory; subscribe
     * to {@link #rows()} with a bounded demand for the others.
     */
    public CompletionStage<List<Row>> allRows() {
        CompletableFuture<List<Row>> all = new CompletableFuture<>();
        rows.subscribe(new Flow.Subscriber<>() {
            private final List<Row> collected = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Row row) {
                collected.add(row);
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(collected);
            }
        });
        return all;
    }
}
