package dev.outcrop.vertx.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines on a thread of its own, so that the event loop never waits for the log. slf4j-simple
 * writes each line to stderr under a lock every logger shares and flushes it: a blocking {@code write(2)} that waits
 * as long as whatever reads stderr (a terminal, a pipe, a container's log driver) is slow or stopped, and a pipe that
 * is full stops it outright. On the event loop that would stall every connection the loop serves.
 *
 * <p>{@link #write} only offers the line to a bounded queue and returns at once. When the queue is full the line is
 * dropped and counted: the writer warns with the count once it catches up, and the server's metrics show the total
 * ({@code outcrop_access_log_dropped_total}). A log that cannot keep up loses lines rather than stalling requests.
 */
final class AccessLog {

    /** Its own logger name, so that operators can route or silence access lines on their own. */
    static final String LOGGER_NAME = "dev.outcrop.vertx.access";
    /** Lines waiting at most: some seconds of a busy server's requests, under 2 MiB of short lines. */
    static final int CAPACITY = 8_192;
    /** The writer's thread, named so in the log lines and in thread dumps. */
    static final String THREAD_NAME = "outcrop-access-log";

    private static final int BATCH = 256;

    private final int capacity;
    private final BlockingQueue<String> queue;
    private final Consumer<String> lines;
    private final Consumer<String> warnings;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /**
     * @param lines    where each line goes, on the writer thread
     * @param warnings where the writer says how many lines it dropped
     */
    AccessLog(int capacity, Consumer<String> lines, Consumer<String> warnings) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lines = lines;
        this.warnings = warnings;
        this.writer = new Thread(this::run, THREAD_NAME);
        writer.setDaemon(true);
        writer.start();
    }

    /** The process's access log: one writer, as the log it writes to is one. At exit the JVM waits up to 2 s for lines still queued. */
    static AccessLog shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
        static final AccessLog INSTANCE = new AccessLog(CAPACITY, LOG::info, LOG::warn);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> INSTANCE.close(TimeUnit.SECONDS.toMillis(2)), THREAD_NAME + "-flush"));
        }
    }

    /** Queues the line for the writer; never blocks. A line that finds the queue full is dropped and counted. */
    void write(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
            droppedSinceWarning.incrementAndGet();
        }
    }

    /** Lines dropped since start because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, then stops the writer; waits for it at most {@code waitMillis}. */
    void close(long waitMillis) {
        closing = true;
        try {
            writer.join(waitMillis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                // A timeout, not take(), so that close() is seen without interrupting a write in progress.
                String first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    batch.forEach(line -> deliver(lines, line));
                    batch.clear();
                }
                long lost = droppedSinceWarning.getAndSet(0);
                if (lost > 0) {
                    deliver(warnings, lost + " access-log lines were dropped: the log did not take them as fast as requests ended, and "
                            + capacity + " lines were waiting. Check what reads the server's stderr");
                }
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void deliver(Consumer<String> target, String text) {
        try {
            target.accept(text);
        }
        catch (RuntimeException e) {
            // A broken log must not end the writer; the next line tries again.
        }
    }
}
