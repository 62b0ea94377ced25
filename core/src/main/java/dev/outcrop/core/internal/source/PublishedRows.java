package dev.outcrop.core.internal.source;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rows from a {@link Flow.Publisher}, buffered for the row pipeline. At most {@code capacity} rows are
 * requested ahead; every time the pipeline has taken half of them, the other half is requested. So a
 * source is read only as fast as the statement consumes its rows (and no faster than the model calls
 * they feed), and a file of any size is held in memory a bounded number of rows at a time.
 */
public final class PublishedRows implements InputRows, Flow.Subscriber<Object[]> {

    private final Flow.Publisher<Object[]> publisher;
    private final int capacity;
    private final ConcurrentLinkedQueue<Object[]> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger takenSinceRequest = new AtomicInteger();
    private volatile boolean completed;
    private volatile boolean closed;
    private volatile Runnable ready = () -> { };

    /** Rows that may still be requested: a LIMIT without WHERE needs no more, so no more are read (or objects opened). */
    private long unrequested;

    public PublishedRows(Flow.Publisher<Object[]> publisher, int capacity) {
        this(publisher, capacity, Long.MAX_VALUE);
    }

    public PublishedRows(Flow.Publisher<Object[]> publisher, int capacity, long maxRows) {
        this.publisher = publisher;
        this.capacity = Math.max(2, capacity);
        this.unrequested = maxRows;
    }

    private synchronized long take(long wanted) {
        long granted = Math.min(wanted, unrequested);
        unrequested -= granted;
        return granted;
    }

    private volatile boolean started;

    @Override
    public void start(Runnable ready) {
        this.ready = ready;
        started = true;
        publisher.subscribe(this);
    }

    @Override
    public Object[] poll() {
        Object[] row = buffer.poll();
        if (row != null && takenSinceRequest.incrementAndGet() >= capacity / 2) {
            int taken = takenSinceRequest.getAndSet(0);
            Flow.Subscription current = subscription.get();
            long granted = take(taken);
            if (current != null && !closed && granted > 0) {
                current.request(granted);
            }
        }
        return row;
    }

    @Override
    public boolean finished() {
        return completed && buffer.isEmpty();
    }

    @Override
    public RuntimeException failure() {
        return buffer.isEmpty() ? failure.get() : null;
    }

    @Override
    public void close() {
        closed = true;
        if (!started && publisher instanceof AutoCloseable closeable) {
            // Never read: release what opening it took (a file, an S3 response).
            try {
                closeable.close();
            }
            catch (Exception ignored) {
                // Nothing was read from it; there is nothing more to release.
            }
        }
        Flow.Subscription current = subscription.getAndSet(null);
        if (current != null) {
            current.cancel();
        }
        buffer.clear();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (closed || !this.subscription.compareAndSet(null, subscription)) {
            subscription.cancel();
            return;
        }
        long granted = take(capacity);
        if (granted > 0) {
            subscription.request(granted);
        }
        else {
            // LIMIT 0: nothing will be read.
            completed = true;
            ready.run();
        }
    }

    @Override
    public void onNext(Object[] row) {
        if (!closed) {
            buffer.add(row);
            ready.run();
        }
    }

    @Override
    public void onError(Throwable cause) {
        failure.compareAndSet(null, cause instanceof RuntimeException e ? e : new IllegalStateException(cause.getMessage(), cause));
        ready.run();
    }

    @Override
    public void onComplete() {
        completed = true;
        ready.run();
    }
}
