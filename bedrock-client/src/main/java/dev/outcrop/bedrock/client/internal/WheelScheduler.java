package dev.outcrop.bedrock.client.internal;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The executor the SDK schedules its per-call work on (the API-call and attempt timeouts, and the delay before a
 * retry), on a hashed timing wheel instead of a {@code ScheduledThreadPoolExecutor}.
 *
 * <p>Every call schedules two timeouts and cancels both when it ends in time, which is nearly always. On a
 * {@code ScheduledThreadPoolExecutor} each of those takes a lock and re-orders a heap, and a timeout that becomes the
 * earliest (at one call at a time: every one) wakes the timer thread, which finds nothing to do and sleeps again: two
 * thread wake-ups per call on another core, which on a small or virtual machine lengthen the call they share it with.
 * Here scheduling and cancelling are queue offers, and the wheel's thread wakes on its own tick (every
 * {@link #TICK}), never per call. Tasks run at most one tick late; the SDK's delays are tens of milliseconds and up.
 *
 * <p>Only one-shot {@code schedule} is supported (the SDK 2.57 calls nothing else on it; periodic tasks throw), and
 * {@code execute} runs the task on the wheel's thread at the next tick. Tasks must be short: they run on the wheel's
 * only thread, as they did on the single-threaded executor this replaces.
 */
public final class WheelScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    /** How late a task may run: well under the shortest delay the SDK schedules (a retry's 100 ms base by default). */
    static final Duration TICK = Duration.ofMillis(10);

    private final HashedWheelTimer wheel;
    private volatile boolean shutdown;

    public WheelScheduler(String threadName) {
        // 512 buckets of 10 ms: one turn is 5 s, so the common timeouts (60 s, 2 min) go round a few times before firing,
        // which costs a counter decrement per turn, and cancelled ones leave at the next tick.
        this.wheel = new HashedWheelTimer(new DefaultThreadFactory(threadName, true), TICK.toMillis(), TimeUnit.MILLISECONDS, 512);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command, null), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("the Bedrock client was closed");
        }
        WheelTask<V> task = new WheelTask<>(callable, System.nanoTime() + unit.toNanos(Math.max(0, delay)));
        task.timeout = wheel.newTimeout(task, Math.max(0, delay), unit);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not supported: the SDK schedules one-shot timeouts and retries only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not supported: the SDK schedules one-shot timeouts and retries only");
    }

    @Override
    public void shutdown() {
        shutdown = true;
        wheel.stop();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    /** A task on the wheel: a {@link FutureTask} (result, cancel, get) that the wheel runs at its deadline. */
    private static final class WheelTask<V> extends FutureTask<V> implements ScheduledFuture<V>, TimerTask {

        private final long deadlineNanos;
        private volatile Timeout timeout;

        WheelTask(Callable<V> callable, long deadlineNanos) {
            super(callable);
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void run(Timeout ignored) {
            run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Timeout scheduled = timeout;
            if (cancelled && scheduled != null) {
                // Leaves the wheel at its next tick rather than when it would have fired (a minute or two later).
                scheduled.cancel();
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
