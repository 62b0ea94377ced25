package dev.outcrop.spark.internal.runtime;

import dev.outcrop.core.Session;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.RowStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Computes a partition's AI calls through core, a batch of rows at a time: the task thread reads
 * {@code rowsPerStatement} rows and looks each row's calls up in this JVM's {@link AnswerMemo} for the query.
 * A call the query already has an answer for takes it; one that another batch, task or partition of the query
 * is making waits for that call; the rest, each distinct call once, go to core as one statement per AI
 * function of the projection (core then keeps many calls in flight, under its limits and throttling, and
 * batches embeddings). While Spark takes one batch's rows the next batch is already calling, so at most two
 * batches are held in memory.
 *
 * <p>Each output row is the input row followed by one result per call. A failure of this task's own call
 * fails the task with core's error; a failure of a call another task made (cancelled with its task, say) is
 * not this task's: the row claims the call again. The task's end (success, failure, a LIMIT satisfied early,
 * or a kill) cancels the statements still running, which aborts their calls in flight and hands the
 * cancellation to the rows elsewhere waiting on them; a killed task is noticed within {@link #POLL_MILLIS}.
 */
public final class PartitionEvaluator implements Iterator<InternalRow>, AutoCloseable {

    static final long POLL_MILLIS = 100;
    private static final int BATCHES_IN_FLIGHT = 2;

    private final ProjectionCalls calls;
    private final Iterator<InternalRow> input;
    private final Session session;
    private final AnswerMemo memo;
    private final AnswerMemo.Query query;
    private final TaskContext task;
    private final int rowsPerStatement;
    private final List<String> singleCallSql = new ArrayList<>();
    private final List<List<Column>> singleCallColumns = new ArrayList<>();
    private final ArrayDeque<Batch> running = new ArrayDeque<>();
    private Batch current;
    private int position;
    private boolean closed;

    /**
     * @param memo this JVM's answers
     * @param queryId the query the task belongs to: its answers are shared with the query's other tasks in this JVM
     * @param task the task, or null outside one (then the caller closes the evaluator)
     */
    public PartitionEvaluator(ProjectionCalls calls, Iterator<InternalRow> input, Session session, AnswerMemo memo, String queryId,
                              TaskContext task, int rowsPerStatement) {
        this.calls = calls;
        this.input = input;
        this.session = session;
        this.memo = memo;
        this.task = task;
        this.rowsPerStatement = rowsPerStatement;
        for (AiCallSpec call : calls.calls()) {
            ProjectionCalls single = new ProjectionCalls(List.of(call), List.of(IntStream.range(0, call.function().rowParameters().size()).toArray()));
            singleCallSql.add(single.coreSql());
            singleCallColumns.add(single.inputColumns());
        }
        this.query = memo.join(queryId);
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> close());
        }
    }

    /** One distinct call of a batch, and where its answer comes from. */
    private static final class Slot {
        final int call;
        final AnswerKey key;
        final String[] arguments;
        AnswerMemo.Entry entry;
        boolean owner;
        Object value;

        Slot(int call, AnswerKey key, String[] arguments) {
            this.call = call;
            this.key = key;
            this.arguments = arguments;
        }
    }

    /** One batch's rows (copied, as Spark reuses its row objects), each row's slot per call (null for a NULL argument), and core's statements. */
    private static final class Batch {
        final List<InternalRow> rows = new ArrayList<>();
        final List<Slot[]> slots = new ArrayList<>();
        final List<Slot> distinct = new ArrayList<>();
        final List<Slot> owned = new ArrayList<>();
        final List<RunningQuery<RowStream>> statements = new ArrayList<>();
    }

    @Override
    public boolean hasNext() {
        while (current == null || position >= current.rows.size()) {
            current = null;
            startBatches();
            Batch next = running.peek();
            if (next == null) {
                return false;
            }
            resolve(next);
            running.poll();
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
        Slot[] slots = current.slots.get(position);
        Object[] values = new Object[1 + slots.length];
        values[0] = current.rows.get(position);
        for (int i = 0; i < slots.length; i++) {
            values[i + 1] = slots[i] == null ? null : toSpark(slots[i].value);
        }
        position++;
        return new GenericInternalRow(values);
    }

    private void startBatches() {
        while (running.size() < BATCHES_IN_FLIGHT && input.hasNext()) {
            Batch batch = new Batch();
            Map<AnswerKey, Slot> byKey = new HashMap<>();
            while (batch.rows.size() < rowsPerStatement && input.hasNext()) {
                InternalRow row = input.next().copy();
                batch.rows.add(row);
                Slot[] slots = new Slot[calls.calls().size()];
                for (int c = 0; c < slots.length; c++) {
                    String[] arguments = arguments(row, calls.argumentOrdinals().get(c));
                    if (arguments == null) {
                        continue;  // NULL in gives NULL out, without a call
                    }
                    AnswerKey key = AnswerKey.of(calls.calls().get(c), arguments);
                    Slot slot = byKey.get(key);
                    if (slot == null) {
                        slot = new Slot(c, key, arguments);
                        byKey.put(key, slot);
                        batch.distinct.add(slot);
                    }
                    slots[c] = slot;
                }
                batch.slots.add(slots);
            }
            running.add(batch);
            claimAndCall(batch, batch.distinct);
        }
    }

    /** The row's per-row arguments of one call as text, or null when one is NULL. */
    private static String[] arguments(InternalRow row, int[] ordinals) {
        String[] values = new String[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            if (row.isNullAt(ordinals[i])) {
                return null;
            }
            values[i] = row.getUTF8String(ordinals[i]).toString();
        }
        return values;
    }

    /** Claims each slot's call in the memo, and starts one core statement per AI function for the calls this batch owns. */
    private void claimAndCall(Batch batch, List<Slot> slots) {
        List<List<Slot>> owned = new ArrayList<>();
        for (int c = 0; c < calls.calls().size(); c++) {
            owned.add(new ArrayList<>());
        }
        for (Slot slot : slots) {
            AnswerMemo.Claim claim = memo.claim(query, slot.key);
            slot.entry = claim.entry();
            slot.owner = claim.owner();
            if (claim.owner()) {
                owned.get(slot.call).add(slot);
                batch.owned.add(slot);
            }
        }
        for (int c = 0; c < owned.size(); c++) {
            if (!owned.get(c).isEmpty()) {
                call(batch, c, owned.get(c));
            }
        }
    }

    private void call(Batch batch, int call, List<Slot> slots) {
        List<Object[]> rows = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            rows.add(slot.arguments.clone());
        }
        RunningQuery<RowStream> statement;
        try {
            statement = session.startStream(singleCallSql.get(call),
                    InputRows.of(ProjectionCalls.INPUT_NAME, singleCallColumns.get(call), rows), QueryOptions.defaults());
        }
        catch (RuntimeException e) {
            slots.forEach(slot -> memo.failed(query, slot.key, slot.entry, e));
            throw e;
        }
        batch.statements.add(statement);
        statement.result().toCompletableFuture().thenCompose(RowStream::allRows).whenComplete((results, failure) -> {
            if (failure == null && results.size() != slots.size()) {
                failure = new IllegalStateException("core returned " + results.size() + " rows for " + slots.size() + " calls");
            }
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                if (failure != null) {
                    memo.failed(query, slot.key, slot.entry, unwrap(failure));
                }
                else {
                    memo.answered(query, slot.key, slot.entry, results.get(i).values().get(0));
                }
            }
        });
    }

    /**
     * Waits for every distinct call of the batch. A call the batch made and that failed fails the task; a call
     * made elsewhere that failed, or whose NULL (a failure under null_on_error) this call may not take because
     * its own null_on_error is FALSE, is claimed again.
     */
    private void resolve(Batch batch) {
        List<Slot> pending = batch.distinct;
        while (!pending.isEmpty()) {
            await(CompletableFuture.allOf(pending.stream().map(slot -> slot.entry.answer()).toArray(CompletableFuture[]::new)));
            List<Slot> again = new ArrayList<>();
            for (Slot slot : pending) {
                CompletableFuture<Object> answer = slot.entry.answer();
                if (!answer.isCompletedExceptionally()) {
                    slot.value = answer.join();
                    if (slot.value != null || slot.owner || calls.calls().get(slot.call).nullOnError()) {
                        continue;
                    }
                    again.add(slot);
                }
                else if (slot.owner) {
                    cancelAll();
                    throw failureOf(answer);
                }
                else {
                    again.add(slot);
                }
            }
            if (!again.isEmpty()) {
                claimAndCall(batch, again);
            }
            pending = again;
        }
    }

    private void await(CompletableFuture<Void> all) {
        while (true) {
            if (task != null && task.isInterrupted()) {
                cancelAll();
                task.killTaskIfInterrupted();
            }
            try {
                all.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            catch (TimeoutException e) {
                // Look at the task again: Spark marks a killed task without always interrupting its thread.
            }
            catch (InterruptedException e) {
                cancelAll();
                Thread.currentThread().interrupt();
                throw new TaskKilledException("interrupted while its AI calls ran; they were cancelled");
            }
            catch (ExecutionException | CancellationException e) {
                return;  // some call failed: resolve looks at each
            }
        }
    }

    /** Cancels the statements of every batch not yet handed out, and fails their calls for the rows elsewhere waiting on them. */
    private void cancelAll() {
        for (Batch batch : running) {
            for (RunningQuery<RowStream> statement : batch.statements) {
                statement.cancel();
            }
            for (Slot slot : batch.owned) {
                memo.failed(query, slot.key, slot.entry, new CancellationException("the task that made this call ended before its answer"));
            }
        }
        running.clear();
    }

    /** Ends the evaluation: cancels what still runs and leaves the query's memo. The task's end calls it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cancelAll();
        }
        finally {
            memo.leave(query);
        }
    }

    private static RuntimeException failureOf(CompletableFuture<Object> answer) {
        try {
            answer.join();
            return new IllegalStateException("the call did not fail");
        }
        catch (CompletionException | CancellationException e) {
            Throwable cause = unwrap(e);
            return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
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
}
