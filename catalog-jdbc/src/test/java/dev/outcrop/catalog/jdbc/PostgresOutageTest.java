package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Stops PostgreSQL under load and starts it again. Calls must fail as UNAVAILABLE (never NOT_FOUND) with a
 * message that says the database cannot be reached and the call can be retried; the same store must work
 * again once PostgreSQL is back, with every acknowledged write still there.
 *
 * <p>Runs only with {@code OUTCROP_TEST_PG_OUTAGE=true}: stopping the shared server disturbs other tests.
 * PostgreSQL is started again in a finally block, whatever happens.
 */
@RequiresPostgres
@EnabledIfEnvironmentVariable(named = "OUTCROP_TEST_PG_OUTAGE", matches = "true")
final class PostgresOutageTest {

    private static final String ACCOUNT = "acme";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final int LOAD_THREADS = 4;
    /** Generous bounds: they catch a hang, they do not measure speed. */
    private static final Duration ERRORS_WITHIN = Duration.ofSeconds(30);
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(90);

    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final Queue<String> acknowledgedCreates = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledgedTokens = new AtomicLong();
    private final AtomicLong inDoubtTokens = new AtomicLong();
    private final AtomicLong unavailableErrors = new AtomicLong();
    private final Queue<CatalogException> wrongErrors = new ConcurrentLinkedQueue<>();

    @Test
    void stoppingPostgresUnderLoad_failsAsUnavailable_andTheSameStoreRecoversWithNothingAcknowledgedLost() throws Exception {
        String schema = TestPostgres.newSchemaName("outage");
        JdbcCatalogConfig config = TestPostgres.config(schema).connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
        try (CatalogStore store = JdbcCatalogProvider.open(config, CatalogContext.defaults())) {
            for (int i = 0; i < LOAD_THREADS; i++) {
                int thread = i;
                load.submit(() -> runLoad(store, thread));
            }
            waitUntil("load acknowledged some writes", Duration.ofSeconds(30), () -> acknowledgedCreates.size() > 20);

            try {
                PostgresServer.stop();
                long errorsBefore = unavailableErrors.get();
                waitUntil("calls fail as UNAVAILABLE after PostgreSQL stopped", ERRORS_WITHIN,
                        () -> unavailableErrors.get() > errorsBefore + LOAD_THREADS);
                assertThatThrownBy(() -> store.listLocations(ACCOUNT))
                        .isInstanceOfSatisfying(CatalogException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.retryable()).isTrue();
                            assertThat(e.getMessage()).contains("cannot be reached").contains("retried");
                        });
            }
            finally {
                PostgresServer.start();
            }

            waitUntil("the same store works again after PostgreSQL restarted", RECOVERY_WITHIN, () -> {
                try {
                    store.addUsage(ACCOUNT, DAY.plusDays(1), 1);
                    return true;
                }
                catch (CatalogException e) {
                    return false;
                }
            });
            loadRunning.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("load threads stopped").isTrue();

            assertThat(wrongErrors).as("errors other than UNAVAILABLE during the outage").isEmpty();
            try (CatalogStore fresh = JdbcCatalogProvider.open(config.toBuilder().cacheMaxStaleness(Duration.ZERO).build(),
                    CatalogContext.defaults())) {
                List<String> stored = fresh.listLocations(ACCOUNT).stream().map(LocationRecord::locationName).toList();
                assertThat(stored).as("every acknowledged CREATE survived").containsAll(new ArrayList<>(acknowledgedCreates));
                assertThat(fresh.usage(ACCOUNT, DAY)).as("acknowledged usage survived")
                        .isBetween(acknowledgedTokens.get(), acknowledgedTokens.get() + inDoubtTokens.get());
            }
            LocationRecord after = store.createLocation(CatalogFixtures.location(ACCOUNT, "after_outage"));
            assertThat(store.findLocation(ACCOUNT, "after_outage")).contains(after);
        }
        finally {
            loadRunning.set(false);
            load.shutdownNow();
            TestPostgres.dropSchema(schema);
        }
    }

    private void runLoad(CatalogStore store, int thread) {
        for (int i = 0; loadRunning.get(); i++) {
            long tokens = 1 + (i % 100);
            try {
                if (i % 2 == 0) {
                    String name = "t" + thread + "_" + i;
                    store.createLocation(CatalogFixtures.location(ACCOUNT, name));
                    acknowledgedCreates.add(name);
                }
                else {
                    store.addUsage(ACCOUNT, DAY, tokens);
                    acknowledgedTokens.addAndGet(tokens);
                }
            }
            catch (CatalogException e) {
                if (e.reason() != Reason.UNAVAILABLE) {
                    wrongErrors.add(e);
                }
                else {
                    unavailableErrors.incrementAndGet();
                    if (i % 2 != 0) {
                        inDoubtTokens.addAndGet(tokens); // may have been committed just before the connection broke
                    }
                }
            }
            catch (RuntimeException e) {
                wrongErrors.add(new CatalogException(Reason.INVALID, "unexpected " + e, e));
            }
        }
    }

    private static void waitUntil(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
