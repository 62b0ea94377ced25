package dev.outcrop.spark.internal.runtime;

import dev.outcrop.core.Session;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Computes a partition's AI calls through core, a batch of rows at a time: the task thread reads
 * {@code rowsPerStatement} rows, hands them to core as one statement (core then keeps many calls in flight,
 * under its limits and throttling, sharing identical requests and batching embeddings), and while Spark takes
 * one batch's rows the next batch is already calling. So at most two batches are held in memory.
 *
 * <p>Each output row is the input row followed by one result per call. A batch's failure fails the task with
 * core's error. The task's end (success, failure, a LIMIT satisfied early, or a kill) cancels the batches
 * still running, which aborts their calls in flight; a killed task is noticed within {@link #POLL_MILLIS}.
 */
public final class PartitionEvaluator implements Iterator<InternalRow> {

    static final long POLL_MILLIS = 100;
    private static final int BATCHES_IN_FLIGHT = 2;

    private final ProjectionCalls calls;
    private final Iterator<InternalRow> input;
    private final Session session;
    private final TaskContext task;
    private final int rowsPerStatement;
    private final int[] inputOrdinals;
    private final ArrayDeque<Batch> running = new ArrayDeque<>();
    private Batch current;
    private List<Row> currentResults;
    private int position;

    public PartitionEvaluator(ProjectionCalls calls, Iterator<InternalRow> input, Session session, TaskContext task, int rowsPerStatement) {
        this.calls = calls;
        this.input = input;
        this.session = session;
        this.task = task;
        this.rowsPerStatement = rowsPerStatement;
        this.inputOrdinals = calls.inputOrdinals();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> cancelAll());
        }
    }

    /** One statement's rows: the input rows (copied, as Spark reuses its row objects) and core's query. */
    private record Batch(List<InternalRow> rows, RunningQuery<RowStream> query, CompletableFuture<List<Row>> results) {
    }

    @Override
    public boolean hasNext() {
        while (current == null || position >= current.rows().size()) {
            current = null;
            startBatches();
            Batch next = running.poll();
            if (next == null) {
                return false;
            }
            currentResults = await(next);
            current = next;
            position = 0;
            startBatches();
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] values = new Object[1 + calls.calls().size()];
        values[0] = current.rows().get(position);
        List<Object> results = currentResults.get(position).values();
        for (int i = 0; i < calls.calls().size(); i++) {
            values[i + 1] = toSpark(results.get(i));
        }
        position++;
        return new GenericInternalRow(values);
    }

    private void startBatches() {
        while (running.size() < BATCHES_IN_FLIGHT && input.hasNext()) {
            List<InternalRow> rows = new ArrayList<>(rowsPerStatement);
            List<Object[]> arguments = new ArrayList<>(rowsPerStatement);
            while (rows.size() < rowsPerStatement && input.hasNext()) {
                InternalRow row = input.next().copy();
                rows.add(row);
                Object[] values = new Object[inputOrdinals.length];
                for (int i = 0; i < inputOrdinals.length; i++) {
                    values[i] = row.isNullAt(inputOrdinals[i]) ? null : row.getUTF8String(inputOrdinals[i]).toString();
                }
                arguments.add(values);
            }
            RunningQuery<RowStream> query = session.startStream(calls.coreSql(),
                    InputRows.of(ProjectionCalls.INPUT_NAME, calls.inputColumns(), arguments), QueryOptions.defaults());
            running.add(new Batch(rows, query, query.result().toCompletableFuture().thenCompose(PartitionEvaluator::collect)));
        }
    }

    private List<Row> await(Batch batch) {
        while (true) {
            if (task != null && task.isInterrupted()) {
                cancelAll();
                batch.query().cancel();
                task.killTaskIfInterrupted();
            }
            try {
                return batch.results().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException e) {
                // Look at the task again: Spark marks a killed task without always interrupting its thread.
            }
            catch (InterruptedException e) {
                cancelAll();
                batch.query().cancel();
                Thread.currentThread().interrupt();
                throw new TaskKilledException("interrupted while its AI calls ran; they were cancelled");
            }
            catch (ExecutionException | CancellationException e) {
                cancelAll();
                throw asRuntime(e instanceof ExecutionException ? e.getCause() : e);
            }
        }
    }

    private void cancelAll() {
        for (Batch batch : running) {
            batch.query().cancel();
        }
        running.clear();
    }

    private static RuntimeException asRuntime(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
    }

    /** Core's value as Catalyst holds it: TEXT as UTF8String, an embedding as an array of doubles. */
    static Object toSpark(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return UTF8String.fromString(text);
        }
        if (value instanceof double[] vector) {
            return new GenericArrayData(vector);
        }
        if (value instanceof List<?> list) {
            return new GenericArrayData(list.toArray());
        }
        throw new IllegalStateException("core returned a " + value.getClass().getName() + ", which this module does not convert");
    }

    private static CompletableFuture<List<Row>> collect(RowStream stream) {
        CompletableFuture<List<Row>> all = new CompletableFuture<>();
        stream.rows().subscribe(new Flow.Subscriber<>() {
            private final List<Row> rows = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Row row) {
                rows.add(row);
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(rows);
            }
        });
        return all;
    }
}
