package dev.outcrop.core.internal.select;

import dev.outcrop.core.internal.concurrent.Futures;

import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.plan.StatementContext;
import dev.outcrop.core.internal.source.InputRows;
import dev.outcrop.core.internal.run.StatementRun;

import dev.outcrop.core.result.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes a SELECT's rows and publishes them in order, in bounded memory. At most {@code rowsAhead}
 * rows are computed ahead of the consumer; when the consumer has taken half of them, the next half is
 * started. Rows leave as soon as they and every row before them are done, and no faster than the
 * subscriber asks. So the subscriber's demand holds back the model calls, and a statement of any size
 * keeps at most {@code rowsAhead} rows in memory.
 *
 * <p>A failed row fails the statement: the run is stopped (its other calls are aborted) and the
 * subscriber gets the error. Cancelling the subscription cancels the run. All signals come from one
 * drain loop at a time (a work-in-progress counter), so the subscriber is never called concurrently.
 */
public final class RowPipeline implements Flow.Publisher<Row> {

    /** The value of a row that a WHERE evaluated by a model call left out. */
    private static final Object[] FILTERED = new Object[0];

    private final StatementRun run;
    private final StatementContext context;
    private final InputRows input;
    private final Node where;
    private final long limit;
    private final List<Node> outputs;
    private final int rowsAhead;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    private final ArrayDeque<CompletableFuture<Object[]>> ahead = new ArrayDeque<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private Flow.Subscriber<? super Row> subscriber;
    private long dispatched;
    private long emitted;
    private boolean inputDone;
    private volatile boolean cancelled;
    private boolean terminated;

    RowPipeline(StatementContext context, InputRows input, Node where, Long limit, List<Node> outputs, int rowsAhead) {
        this.run = context.run();
        this.context = context;
        this.input = input;
        this.where = where;
        this.limit = limit == null ? Long.MAX_VALUE : limit;
        this.outputs = outputs;
        this.rowsAhead = Math.max(2, rowsAhead);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Row> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a query's rows can be subscribed to once; run the query again for another subscriber"));
            return;
        }
        this.subscriber = subscriber;
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    cancelled = true;
                    run.cancel("by its result's subscriber, which asked for " + n + " rows (reactive streams rule 3.9)");
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): the demand must be positive (reactive streams rule 3.9)"));
                    return;
                }
                demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
                drain();
            }

            @Override
            public void cancel() {
                cancelled = true;
                run.cancel("by its result stream's subscriber");
                drain();
            }
        });
        run.onStop(this::drain);
        input.start(this::drain);
        drain();
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!terminated) {
                step();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void step() {
        if (cancelled) {
            terminated = true;
            input.close();
            return;
        }
        RuntimeException stopped = run.stopCause();
        if (stopped != null) {
            fail(stopped);
            return;
        }
        while (demand.get() > 0 && !ahead.isEmpty() && ahead.peekFirst().isDone()) {
            CompletableFuture<Object[]> head = ahead.pollFirst();
            if (head.isCompletedExceptionally()) {
                RuntimeException cause = asRuntime(Futures.unwrap(head.handle((values, failure) -> failure).join()));
                run.stop(cause);
                fail(run.stopCause());
                return;
            }
            Object[] values = head.join();
            if (values == FILTERED) {
                continue;
            }
            emitted++;
            demand.decrementAndGet();
            run.rowDone();
            subscriber.onNext(Row.of(values));
            if (cancelled) {
                terminated = true;
                input.close();
                return;
            }
            if (emitted >= limit) {
                complete();
                return;
            }
        }
        if (!inputDone && run.isAdmitting() && ahead.size() <= rowsAhead / 2) {
            dispatch();
        }
        if (inputDone && ahead.isEmpty()) {
            complete();
        }
    }

    /** Starts rows until {@code rowsAhead} are in progress or the input ends. */
    private void dispatch() {
        List<CompletableFuture<Object[]>> started = new ArrayList<>();
        while (ahead.size() < rowsAhead) {
            if (dispatched >= limit) {
                inputDone = true;
                // LIMIT is met: stop reading the source (a file need not be read to its end).
                input.close();
                break;
            }
            Object[] row = input.poll();
            if (row == null) {
                RuntimeException failure = input.failure();
                if (failure != null) {
                    // In order: the rows before the bad one leave first, then the statement fails.
                    CompletableFuture<Object[]> failed = CompletableFuture.failedFuture(failure);
                    ahead.addLast(failed);
                    started.add(failed);
                    inputDone = true;
                }
                else if (input.finished()) {
                    inputDone = true;
                }
                // Otherwise the source has no row ready yet; it calls drain() when one arrives.
                break;
            }
            CompletableFuture<Object[]> slot;
            if (where == null) {
                slot = project(row);
                dispatched++;
            }
            else if (!where.isAsync()) {
                Object keep;
                try {
                    keep = where.evaluate(row);
                }
                catch (RuntimeException e) {
                    keep = e;
                }
                if (keep instanceof RuntimeException e) {
                    slot = CompletableFuture.failedFuture(e);
                }
                else if (Boolean.TRUE.equals(keep)) {
                    slot = project(row);
                    dispatched++;
                }
                else {
                    continue;
                }
            }
            else {
                // Whether the row is kept is known only when its call answers; LIMIT then counts rows as they leave.
                slot = where.evaluateAsync(row).thenCompose(keep -> Boolean.TRUE.equals(keep) ? project(row) : CompletableFuture.completedFuture(FILTERED));
            }
            ahead.addLast(slot);
            started.add(slot);
        }
        if (inputDone) {
            context.endOfDispatch();
        }
        else {
            context.pauseOfDispatch();
        }
        for (CompletableFuture<Object[]> slot : started) {
            slot.whenComplete((values, failure) -> drain());
        }
    }

    private CompletableFuture<Object[]> project(Object[] row) {
        Object[] values = new Object[outputs.size()];
        List<CompletableFuture<?>> pending = null;
        for (int i = 0; i < values.length; i++) {
            Node output = outputs.get(i);
            if (!output.isAsync()) {
                try {
                    values[i] = output.evaluate(row);
                }
                catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                continue;
            }
            if (pending == null) {
                pending = new ArrayList<>();
            }
            int index = i;
            pending.add(output.evaluateAsync(row).thenAccept(value -> values[index] = value));
        }
        if (pending == null) {
            return CompletableFuture.completedFuture(values);
        }
        if (pending.size() == 1) {
            return pending.get(0).thenApply(ignored -> values);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> values);
    }

    private void complete() {
        terminated = true;
        input.close();
        subscriber.onComplete();
    }

    private void fail(Throwable cause) {
        terminated = true;
        input.close();
        subscriber.onError(cause);
    }

    private static RuntimeException asRuntime(Throwable cause) {
        return cause instanceof RuntimeException e ? e : new CompletionException(cause);
    }
}
