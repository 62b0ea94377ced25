package dev.outcrop.core.internal.plan;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Identical requests of one statement share one call: a row whose request (function, model, location
 * and body) equals an earlier row's gets that row's answer, whether the call is still in flight or
 * already answered. It remembers the last {@value #CAPACITY} distinct requests, so memory stays
 * bounded on any number of rows; a failed call is not shared, so a later identical row tries again.
 */
public final class RequestSharing {

    static final int CAPACITY = 10_000;

    /** What makes two requests identical. */
    public record Key(String function, String model, String location, Object request) {
    }

    private final Map<Key, CompletableFuture<Object>> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Object>> eldest) {
            return size() > CAPACITY;
        }
    };
    private long shared;

    /** The answer of an identical earlier request, or a new call. */
    CompletableFuture<Object> share(Key key, Supplier<CompletableFuture<Object>> call) {
        CompletableFuture<Object> existing;
        synchronized (this) {
            existing = recent.get(key);
            if (existing != null && !existing.isCompletedExceptionally()) {
                shared++;
                return existing.thenApply(value -> value);
            }
        }
        CompletableFuture<Object> made = call.get();
        synchronized (this) {
            recent.put(key, made);
        }
        return made;
    }

    /** How many rows got an earlier row's answer instead of a call of their own. */
    synchronized long shared() {
        return shared;
    }
}
