package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.run.BoundRows;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rows an application hands to a session ({@code Session.bind}), read by name in FROM. Values are checked
 * against the declared columns as they arrive; a value of the wrong type fails the statement with the
 * row's number and the column's name. A publisher is read once; an iterable again for every statement,
 * on the blocking executor, since iterating it may block (a JDBC result, a file).
 */
public final class BoundRelation implements BoundRows {

    private final String name;
    private final List<Column> columns;
    private final Flow.Publisher<Row> publisher;
    private final Iterable<Row> iterable;
    private final Executor executor;
    private final AtomicBoolean publisherTaken = new AtomicBoolean();

    private BoundRelation(String name, List<Column> columns, Flow.Publisher<Row> publisher, Iterable<Row> iterable, Executor executor) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.publisher = publisher;
        this.iterable = iterable;
        this.executor = executor;
    }

    public static BoundRelation ofPublisher(String name, List<Column> columns, Flow.Publisher<Row> rows) {
        return new BoundRelation(name, columns, rows, null, null);
    }

    public static BoundRelation ofIterable(String name, List<Column> columns, Iterable<Row> rows, Executor executor) {
        return new BoundRelation(name, columns, null, rows, executor);
    }

    public Source open(int rowsAhead, long maxRows) {
        Scope scope = new Scope(name, columns.stream().map(Column::name).toList(), columns.stream().map(Column::type).toList());
        Flow.Publisher<Object[]> values;
        if (publisher != null) {
            if (!publisherTaken.compareAndSet(false, true)) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "the rows bound as '" + name + "' were a Flow.Publisher, which "
                        + "a statement has already read: bind them again, or bind an Iterable, which every statement reads afresh");
            }
            values = subscriber -> publisher.subscribe(new CheckingSubscriber(subscriber));
        }
        else {
            Iterator<Row> rows = iterable.iterator();
            values = new ReaderPublisher(new RowReader() {
                private long number;

                @Override
                public Object[] next() {
                    return rows.hasNext() ? check(rows.next(), ++number) : null;
                }

                @Override
                public void close() {
                    if (rows instanceof AutoCloseable closeable) {
                        try {
                            closeable.close();
                        }
                        catch (Exception ignored) {
                            // The application's iterator: nothing more is read from it.
                        }
                    }
                }
            }, executor);
        }
        return new Source(scope, new PublishedRows(values, rowsAhead, maxRows));
    }

    /** The row's values, in the declared columns' types, or an error naming the row and column. */
    private Object[] check(Row row, long number) {
        if (row == null) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "row " + number + " of '" + name + "' is null: supply a Row for every element");
        }
        if (row.size() != columns.size()) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "row " + number + " of '" + name + "' has " + row.size() + " values, but "
                    + columns.size() + " columns were bound");
        }
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(row.get(i), columns.get(i).type(), number, columns.get(i).name());
        }
        return values;
    }

    private Object convert(Object value, SqlType type, long number, String column) {
        if (value == null) {
            return null;
        }
        if (type == ScalarType.TEXT && value instanceof String) {
            return value;
        }
        if ((type == ScalarType.BIGINT || type == ScalarType.INTEGER) && (value instanceof Long || value instanceof Integer || value instanceof Short)) {
            return ((Number) value).longValue();
        }
        if (type == ScalarType.DOUBLE && value instanceof Number n) {
            return n.doubleValue();
        }
        if (type == ScalarType.BOOLEAN && value instanceof Boolean) {
            return value;
        }
        if (type == ScalarType.TIMESTAMPTZ && value instanceof Instant) {
            return value;
        }
        if (type == ScalarType.TIMESTAMPTZ && value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "row " + number + " of '" + name + "', column '" + column + "': a "
                + value.getClass().getSimpleName() + " does not match the column's type " + type.sqlName()
                + " (TEXT takes String, BIGINT and INTEGER Long or Integer, DOUBLE any Number, BOOLEAN Boolean, TIMESTAMPTZ Instant)");
    }

    /** Maps the application's rows to values, checked, and stops the application's publisher at the first bad one. */
    private final class CheckingSubscriber implements Flow.Subscriber<Row> {
        private final Flow.Subscriber<? super Object[]> downstream;
        private Flow.Subscription upstream;
        private long number;
        private boolean failed;

        CheckingSubscriber(Flow.Subscriber<? super Object[]> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.upstream = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(Row row) {
            if (failed) {
                return;
            }
            Object[] values;
            try {
                values = check(row, ++number);
            }
            catch (OutcropException e) {
                failed = true;
                upstream.cancel();
                downstream.onError(e);
                return;
            }
            downstream.onNext(values);
        }

        @Override
        public void onError(Throwable failure) {
            if (!failed) {
                downstream.onError(failure);
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                downstream.onComplete();
            }
        }
    }
}
