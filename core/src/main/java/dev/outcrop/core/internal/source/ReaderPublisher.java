package dev.outcrop.core.internal.source;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a {@link RowReader}'s rows with back-pressure: the reader runs on the blocking executor,
 * never on the caller's thread (which may be an event loop or an SDK's I/O thread), reads only while
 * the subscriber has demand, and a batch at a time so that one statement does not hold a thread for
 * the whole file. Cancelling closes the reader. One subscriber.
 */
public final class ReaderPublisher implements Flow.Publisher<Object[]>, AutoCloseable {

    private static final int BATCH = 256;

    private final RowReader reader;
    private final Executor executor;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean done;
    private Flow.Subscriber<? super Object[]> subscriber;

    public ReaderPublisher(RowReader reader, Executor executor) {
        this.reader = reader;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object[]> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("a source's rows can be read once");
        }
        this.subscriber = subscriber;
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0 || done) {
                    return;
                }
                demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
                schedule();
            }

            @Override
            public void cancel() {
                finish();
                schedule();
            }
        });
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::readBatch);
        }
    }

    private void readBatch() {
        try {
            int read = 0;
            while (!done && demand.get() > 0 && read < BATCH) {
                Object[] row;
                try {
                    row = reader.next();
                }
                catch (RuntimeException e) {
                    finish();
                    subscriber.onError(e);
                    return;
                }
                if (row == null) {
                    finish();
                    subscriber.onComplete();
                    return;
                }
                demand.decrementAndGet();
                read++;
                subscriber.onNext(row);
            }
        }
        finally {
            scheduled.set(false);
            if (done && closed.compareAndSet(false, true)) {
                reader.close();
            }
        }
        if (!done && demand.get() > 0) {
            schedule();
        }
    }

    /** Closes the reader of a publisher no one subscribed to (a statement that failed while planning). */
    @Override
    public void close() {
        if (subscribed.compareAndSet(false, true) && closed.compareAndSet(false, true)) {
            reader.close();
        }
    }

    private void finish() {
        done = true;
    }
}
