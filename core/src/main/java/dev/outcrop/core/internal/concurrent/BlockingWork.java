package dev.outcrop.core.internal.concurrent;


import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs work that may block (catalog calls) on core's executor, without a needless hand-off: work asked
 * for from a thread that is already running the executor's tasks runs right there, while work asked
 * for from anywhere else (an event loop, an HTTP client's I/O thread) is handed to the executor.
 * Tasks are marked as they start, so this holds for an executor the caller supplied too.
 */
public final class BlockingWork {

    private static final ThreadLocal<Boolean> ON_EXECUTOR = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Executor marked;

    public BlockingWork(Executor executor) {
        this.marked = task -> executor.execute(() -> {
            Boolean before = ON_EXECUTOR.get();
            ON_EXECUTOR.set(Boolean.TRUE);
            try {
                task.run();
            }
            finally {
                ON_EXECUTOR.set(before);
            }
        });
    }

    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        if (ON_EXECUTOR.get()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(work, marked);
    }

    /** The executor, marked: tasks run on it count as being on the executor. */
    public Executor executor() {
        return marked;
    }
}
