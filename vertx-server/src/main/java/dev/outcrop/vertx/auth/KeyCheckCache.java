package dev.outcrop.vertx.auth;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.identity.ServiceAccountIdentity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers for a short while whether a token's service-account key is still current, so that a busy
 * client costs one catalog read per {@code recheck} instead of one per request. A deleted or replaced key
 * therefore stops working on this server within {@code recheck} (zero checks every request). Concurrent
 * requests for one key share one read.
 */
final class KeyCheckCache {

    /** Beyond this many entries the cache is emptied rather than grown: ids of tokens that do not verify never get here. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(CompletableFuture<Optional<ServiceAccountIdentity>> answer, long expiresNanos) {}

    private final Outcrop outcrop;
    private final long recheckNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    KeyCheckCache(Outcrop outcrop, Duration recheck) {
        this.outcrop = outcrop;
        this.recheckNanos = recheck.toNanos();
    }

    CompletableFuture<Optional<ServiceAccountIdentity>> check(TokenClaims claims) {
        if (recheckNanos <= 0) {
            return outcrop.serviceAccountKey(claims.serviceAccountId(), claims.keyId()).toCompletableFuture();
        }
        String key = claims.serviceAccountId() + "/" + claims.keyId();
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.expiresNanos() < 0 && !entry.answer().isCompletedExceptionally()) {
            return entry.answer();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        CompletableFuture<Optional<ServiceAccountIdentity>> answer =
                outcrop.serviceAccountKey(claims.serviceAccountId(), claims.keyId()).toCompletableFuture();
        entries.put(key, new Entry(answer, now + recheckNanos));
        return answer;
    }
}
