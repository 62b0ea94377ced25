package dev.outcrop.spark.internal.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The answers one executor JVM has had, or is waiting for, per query: a row whose call equals one that a
 * batch, another task or another partition of the same query in this JVM already made (or is making) takes
 * that answer instead of calling again. Core shares identical requests only inside one statement, that is
 * one batch of rows; this makes the sharing hold for the whole query in this JVM.
 *
 * <p>Bounds, so that the memo never holds more than its budget of heap:
 * <ul>
 *   <li>completed answers of all queries together hold at most {@code maxBytes} (estimated: keys and values);
 *       over it, whole idle queries go first, then the least recently used answers. Calls in flight are not
 *       counted: there are at most tasks × batches in flight × rows per statement of them;</li>
 *   <li>a query's answers are dropped once this JVM has run no task of it for {@code idleMillis}: an executor
 *       is not told when a query ends, so it goes by the query's tasks;</li>
 *   <li>only answers are remembered. A failure (an error, or the NULL that {@code null_on_error} gives for
 *       one) is handed to the rows already waiting on that call, as core does inside a statement, and then
 *       forgotten: a later identical row calls again.</li>
 * </ul>
 * It is one JVM's: executors share nothing, so each executor calls once per distinct request it meets.
 */
public final class AnswerMemo implements AutoCloseable {

    private final long maxBytes;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService sweeper;
    private final Map<String, Query> queries = new HashMap<>();
    private long bytes;

    /** A query's answers in this JVM, and how many of its tasks are running here. */
    public static final class Query {
        private final String id;
        private final Map<AnswerKey, Entry> answers = new LinkedHashMap<>(256, 0.75f, true);
        private int tasks;
        private long idleSince;

        private Query(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One call's answer: in flight until its owner reports it. */
    public static final class Entry {
        private final CompletableFuture<Object> answer = new CompletableFuture<>();
        private boolean done;
        private long bytes;

        public CompletableFuture<Object> answer() {
            return answer;
        }
    }

    /**
     * What {@link #claim} found.
     *
     * @param entry the call's entry; its answer may already be complete
     * @param owner whether the caller must make the call and report it with {@link #answered} or {@link #failed}
     */
    public record Claim(Entry entry, boolean owner) {
    }

    AnswerMemo(long maxBytes, long idleMillis, LongSupplier nanoClock, boolean sweepInBackground) {
        if (maxBytes < 0 || idleMillis < 0) {
            throw new IllegalArgumentException("maxBytes and idleMillis must be 0 or more");
        }
        this.maxBytes = maxBytes;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.nanoClock = nanoClock;
        if (sweepInBackground) {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "outcrop-spark-answer-memo");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(1_000, idleMillis / 2);
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
        else {
            this.sweeper = null;
        }
    }

    /** A memo with a background sweep of idle queries, as each executor's runtime has. */
    public static AnswerMemo start(long maxBytes, long idleMillis) {
        return new AnswerMemo(maxBytes, idleMillis, System::nanoTime, true);
    }

    /** A task of this query starts in this JVM: the query's answers stay until {@code idleMillis} after its last task here. */
    public synchronized Query join(String queryId) {
        sweep();
        Query query = queries.computeIfAbsent(queryId, Query::new);
        query.tasks++;
        return query;
    }

    /** The task that joined has ended, whatever the outcome. */
    public synchronized void leave(Query query) {
        query.tasks--;
        if (query.tasks == 0) {
            query.idleSince = nanoClock.getAsLong();
        }
        sweep();
    }

    /**
     * The call's answer if the query has it, the call in flight if another batch makes it, or else a new entry
     * that the caller owns.
     */
    public synchronized Claim claim(Query query, AnswerKey key) {
        Entry existing = query.answers.get(key);
        if (existing != null) {
            return new Claim(existing, false);
        }
        Entry entry = new Entry();
        query.answers.put(key, entry);
        return new Claim(entry, true);
    }

    /** The owner's call answered: remembered unless the answer is NULL (a failure under null_on_error). */
    public void answered(Query query, AnswerKey key, Entry entry, Object value) {
        synchronized (this) {
            if (value == null || maxBytes == 0) {
                forget(query, key, entry);
            }
            else if (query.answers.get(key) == entry && !entry.done) {
                entry.done = true;
                entry.bytes = key.estimatedBytes() + estimatedBytes(value);
                bytes += entry.bytes;
                evictOverBound();
            }
        }
        entry.answer.complete(value);
    }

    /** The owner's call failed or was cancelled: forgotten, and the rows waiting on it see the failure. */
    public void failed(Query query, AnswerKey key, Entry entry, Throwable failure) {
        synchronized (this) {
            if (!entry.done) {
                forget(query, key, entry);
            }
        }
        entry.answer.completeExceptionally(failure);
    }

    /** Drops the queries that have had no task in this JVM for {@code idleMillis}. */
    public synchronized void sweep() {
        long now = nanoClock.getAsLong();
        for (Iterator<Query> it = queries.values().iterator(); it.hasNext(); ) {
            Query query = it.next();
            if (query.tasks == 0 && now - query.idleSince >= idleNanos) {
                drop(query);
                it.remove();
            }
        }
    }

    /** The estimated bytes of the answers held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The number of answers (and calls in flight) the query holds here. */
    public synchronized int size(String queryId) {
        Query query = queries.get(queryId);
        return query == null ? 0 : query.answers.size();
    }

    private void forget(Query query, AnswerKey key, Entry entry) {
        if (query.answers.get(key) == entry) {
            query.answers.remove(key);
            bytes -= entry.bytes;
            entry.bytes = 0;
        }
    }

    private void drop(Query query) {
        for (Entry entry : query.answers.values()) {
            bytes -= entry.bytes;
            entry.bytes = 0;
        }
        query.answers.clear();
    }

    /** Idle queries' answers go first, then the least recently used answers of the running ones. */
    private void evictOverBound() {
        if (bytes <= maxBytes) {
            return;
        }
        List<Query> order = new ArrayList<>(queries.values());
        order.sort((a, b) -> Boolean.compare(a.tasks > 0, b.tasks > 0));
        for (Query query : order) {
            for (Iterator<Entry> it = query.answers.values().iterator(); it.hasNext() && bytes > maxBytes; ) {
                Entry entry = it.next();
                if (entry.done) {
                    bytes -= entry.bytes;
                    entry.bytes = 0;
                    it.remove();
                }
            }
            if (bytes <= maxBytes) {
                return;
            }
        }
    }

    /** A rough upper estimate of a value's heap bytes: core's TEXT, or an embedding as double[] or a list of numbers. */
    static long estimatedBytes(Object value) {
        if (value instanceof String text) {
            return AnswerKey.text(text);
        }
        if (value instanceof double[] vector) {
            return 16 + 8L * vector.length;
        }
        if (value instanceof List<?> list) {
            return 40 + 24L * list.size();
        }
        return 64;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        synchronized (this) {
            queries.values().forEach(this::drop);
            queries.clear();
        }
    }
}
