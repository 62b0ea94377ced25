package dev.outcrop.catalog.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same task on several threads released together, so that they really race, and waits a
 * bounded time for all of them. A task's exception fails the race.
 */
public final class Race {

    /** Generous: this bounds a hung store, it does not measure speed. */
    public static final long TIMEOUT_SECONDS = 120;

    /** A task run by one racer; {@code racer} numbers the threads from 0. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int racer) throws Exception;
    }

    private Race() {}

    public static <T> List<T> run(int threads, Task<T> task) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int racer = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(racer);
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("racers did not start within " + TIMEOUT_SECONDS + " s");
            }
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        }
        catch (TimeoutException e) {
            throw new AssertionError("a racer did not finish within " + TIMEOUT_SECONDS + " s: is the store hung?", e);
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a racer failed: " + e.getCause(), e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        }
        finally {
            executor.shutdownNow();
        }
    }
}
