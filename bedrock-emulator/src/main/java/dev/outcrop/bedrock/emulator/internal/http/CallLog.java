package dev.outcrop.bedrock.emulator.internal.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls in arrival order (a call is numbered when it arrives and logged when it is answered), bounded so a long
 * benchmark cannot exhaust memory, plus per-operation counters that are never trimmed.
 */
public final class CallLog {
    private record Numbered(long sequence, CallRecord call) {
    }

    private final int limit;
    private final AtomicLong sequence = new AtomicLong();
    private final ArrayDeque<Numbered> calls = new ArrayDeque<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder cancelledStreams = new LongAdder();
    private final LongAdder abandonedRequests = new LongAdder();
    /** A gauge, not a counter: {@link #clear()} leaves it alone, as the requests it counts are still there. */
    private final LongAdder inProgress = new LongAdder();

    public CallLog(int limit) {
        this.limit = limit;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** A request arrived whole and is being answered; {@link #add} ends it. */
    void started() {
        inProgress.increment();
    }

    /** The client went away before any answer was sent (not a stream it cut short: that is a cancelled stream). */
    void abandoned() {
        abandonedRequests.increment();
    }

    void add(long seq, CallRecord call) {
        inProgress.decrement();
        String key = call.operation() == null ? call.service() : call.operation();
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (call.streamCancelled()) {
            cancelledStreams.increment();
        }
        if (limit == 0) {
            return;
        }
        synchronized (calls) {
            calls.addLast(new Numbered(seq, call));
            if (calls.size() > limit) {
                calls.removeFirst();
            }
        }
    }

    public List<CallRecord> snapshot() {
        List<Numbered> copy;
        synchronized (calls) {
            copy = new ArrayList<>(calls);
        }
        copy.sort(Comparator.comparingLong(Numbered::sequence));
        List<CallRecord> out = new ArrayList<>(copy.size());
        copy.forEach(n -> out.add(n.call()));
        return List.copyOf(out);
    }

    public void clear() {
        synchronized (calls) {
            calls.clear();
        }
        counts.clear();
        cancelledStreams.reset();
        abandonedRequests.reset();
    }

    /** Calls answered for an operation (e.g. "AssumeRole") since start or the last {@link #clear()}. */
    public long count(String operation) {
        LongAdder adder = counts.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    public long cancelledStreams() {
        return cancelledStreams.sum();
    }

    public long abandonedRequests() {
        return abandonedRequests.sum();
    }

    public long inProgress() {
        return inProgress.sum();
    }
}
