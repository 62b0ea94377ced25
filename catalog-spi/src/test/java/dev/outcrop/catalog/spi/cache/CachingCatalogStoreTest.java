package dev.outcrop.catalog.spi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CachingCatalogStoreTest {

    private static final Duration BOUND = Duration.ofSeconds(1);

    /** The shared database: "another server" writes to it directly, bypassing the cache. */
    private final InMemoryCatalogStore shared = new InMemoryCatalogStore();
    private final AtomicInteger locationReads = new AtomicInteger();
    private final AtomicInteger sequenceReads = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CachingCatalogStore cache = new CachingCatalogStore(counting(shared), BOUND, now::get);

    /** Counts the reads that reach the store, and fails every call while {@link #down} is set. */
    private CatalogStore counting(CatalogStore target) {
        return (CatalogStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CatalogStore.class},
                (proxy, method, args) -> {
                    if (down.get()) {
                        throw new CatalogException(Reason.UNAVAILABLE, "store down (test)");
                    }
                    if (method.getName().equals("findLocation")) {
                        locationReads.incrementAndGet();
                    }
                    if (method.getName().equals("changeSequence")) {
                        sequenceReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    }
                    catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static LocationRecord location(String name, String description) {
        return new LocationRecord("id-" + name, "acme", name, "AMAZON_BEDROCK", null, description, null, "owner",
                Instant.parse("2026-01-01T00:00:00Z"), new SealedSecret("k", "c2VhbGVk"), 1);
    }

    @Test
    void findLocation_repeatedWithinTheBound_readsTheStoreOnce() {
        shared.createLocation(location("bedrock", "v1"));

        for (int i = 0; i < 100; i++) {
            assertThat(cache.findLocation("acme", "bedrock")).get().extracting(LocationRecord::description).isEqualTo("v1");
        }

        assertThat(locationReads).hasValue(1);
        assertThat(sequenceReads).hasValue(1);
    }

    @Test
    void findLocation_absent_isCachedAndForgottenWhenCreatedThroughTheCache() {
        assertThat(cache.findLocation("acme", "bedrock")).isEmpty();
        assertThat(cache.findLocation("acme", "bedrock")).isEmpty();
        assertThat(locationReads).hasValue(1);

        cache.createLocation(location("bedrock", "v1"));

        assertThat(cache.findLocation("acme", "bedrock")).isPresent();
    }

    @Test
    void ownWrite_isSeenAtOnce() {
        LocationRecord created = cache.createLocation(location("bedrock", "v1"));
        assertThat(cache.findLocation("acme", "bedrock")).contains(created);

        LocationRecord updated = cache.updateLocation(new LocationRecord(created.id(), "acme", "bedrock", "AMAZON_BEDROCK", null, "v2",
                null, "owner", created.created(), created.credentials(), created.version()));

        assertThat(cache.findLocation("acme", "bedrock")).contains(updated);
    }

    @Test
    void failedOwnWrite_alsoEmptiesTheCache_soARetriedCompareAndSetReadsAfresh() {
        LocationRecord created = shared.createLocation(location("bedrock", "v1"));
        assertThat(cache.findLocation("acme", "bedrock")).contains(created);
        LocationRecord changedElsewhere = shared.updateLocation(created);

        assertThatThrownBy(() -> cache.updateLocation(created)).isInstanceOf(CatalogException.class);

        assertThat(cache.findLocation("acme", "bedrock")).contains(changedElsewhere);
    }

    @Test
    void anotherServersWrite_isSeenOnceTheBoundHasPassed() {
        LocationRecord created = shared.createLocation(location("bedrock", "v1"));
        assertThat(cache.findLocation("acme", "bedrock")).contains(created);

        LocationRecord changedElsewhere = shared.updateLocation(created);
        now.addAndGet(BOUND.toNanos() - 1);
        assertThat(cache.findLocation("acme", "bedrock")).as("within the bound the cache may still answer").contains(created);
        now.addAndGet(1);

        assertThat(cache.findLocation("acme", "bedrock")).contains(changedElsewhere);
    }

    @Test
    void anotherServersUsageWrite_doesNotEmptyTheCache() {
        shared.createLocation(location("bedrock", "v1"));
        cache.findLocation("acme", "bedrock");

        shared.addUsage("acme", java.time.LocalDate.of(2026, 1, 1), 10);
        now.addAndGet(BOUND.toNanos());
        cache.findLocation("acme", "bedrock");

        assertThat(sequenceReads).hasValue(2);
        assertThat(locationReads).hasValue(1);
    }

    @Test
    void grants_areCachedAndSeeOwnWrites() {
        GrantRecord grant = new GrantRecord("acme", "USAGE", "LOCATION", "bedrock", "bob");
        assertThat(cache.listGrants("acme")).isEmpty();

        cache.addGrant(grant);

        assertThat(cache.listGrants("acme")).containsExactly(grant);
    }

    @Test
    void pollFailing_failsTheLookupInsteadOfServingPastTheBound_andRecovers() {
        LocationRecord created = shared.createLocation(location("bedrock", "v1"));
        cache.findLocation("acme", "bedrock");
        down.set(true);
        now.addAndGet(BOUND.toNanos());

        assertThatThrownBy(() -> cache.findLocation("acme", "bedrock"))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThatThrownBy(() -> cache.findLocation("acme", "bedrock")).as("every lookup retries the poll").isInstanceOf(CatalogException.class);

        down.set(false);
        assertThat(cache.findLocation("acme", "bedrock")).contains(created);
    }

    @Test
    void storeWithoutChangeSequence_expiresEntriesAfterTheBound() {
        InMemoryCatalogStore target = new InMemoryCatalogStore();
        CatalogStore withoutSequence = (CatalogStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CatalogStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("changeSequence")) {
                        return OptionalLong.empty();
                    }
                    try {
                        return method.invoke(target, args);
                    }
                    catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CachingCatalogStore ttlCache = new CachingCatalogStore(withoutSequence, BOUND, now::get);
        LocationRecord created = target.createLocation(location("bedrock", "v1"));
        assertThat(ttlCache.findLocation("acme", "bedrock")).contains(created);
        LocationRecord updated = target.updateLocation(created);

        now.addAndGet(BOUND.toNanos());

        assertThat(ttlCache.findLocation("acme", "bedrock")).contains(updated);
    }

    @Test
    void ownWrites_areReadBackEvenWhileOtherThreadsReloadTheSameEntry() throws Exception {
        Thread writer = Thread.currentThread();
        // Readers' loads return a little after reading, as a database answer would: that is when a write can slip in.
        CatalogStore slowReads = (CatalogStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CatalogStore.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(shared, args);
                        if (method.getName().equals("findLocation") && Thread.currentThread() != writer) {
                            Thread.sleep(1);
                        }
                        return result;
                    }
                    catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CachingCatalogStore longLived = new CachingCatalogStore(slowReads, Duration.ofHours(1));
        LocationRecord current = longLived.createLocation(location("bedrock", "0"));
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                readers.submit(() -> {
                    while (writing.get()) {
                        longLived.findLocation("acme", "bedrock");
                    }
                });
            }
            for (int i = 1; i <= 200; i++) {
                current = longLived.updateLocation(current);
                Thread.sleep(2);
                // A reader that loaded the previous version before this write must not have put it back since.
                assertThat(longLived.findLocation("acme", "bedrock")).get()
                        .extracting(LocationRecord::version).as("after write %d", i).isEqualTo(current.version());
            }
        }
        finally {
            writing.set(false);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void constructor_nonPositiveBound_isRefused() {
        assertThatThrownBy(() -> new CachingCatalogStore(shared, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStaleness must be positive");
    }
}
