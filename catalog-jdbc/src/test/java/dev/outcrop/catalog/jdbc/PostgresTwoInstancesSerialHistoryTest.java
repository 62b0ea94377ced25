package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import dev.outcrop.catalog.testkit.Race;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two independent stores (each with its own pool and read cache) on one PostgreSQL schema, as two servers
 * of a deployment would be. Each runs 8 threads doing 500 mixed CREATE / ALTER / RENAME / DROP on a few
 * overlapping names; the catalog left behind must be the outcome of a serial history.
 */
@RequiresPostgres
final class PostgresTwoInstancesSerialHistoryTest {

    private static final int THREADS_PER_INSTANCE = 8;
    private static final int OPERATIONS_PER_THREAD = 500;
    private static final List<String> NAMES = List.of("loc_a", "loc_b", "loc_c", "loc_d", "loc_e", "loc_f");
    private static final String ACCOUNT = "acme";
    private static final Set<Reason> EXPECTED_REFUSALS = Set.of(Reason.ALREADY_EXISTS, Reason.NOT_FOUND, Reason.VERSION_CONFLICT);

    @Test
    void mixedWritesFromTwoInstances_leaveTheOutcomeOfASerialHistory() {
        String schema = TestPostgres.newSchemaName("history");
        JdbcCatalogConfig config = TestPostgres.config(schema).poolMaxSize(THREADS_PER_INSTANCE).build();
        HistoryRecorder history = new HistoryRecorder();
        AtomicLong refusals = new AtomicLong();
        try (CatalogStore first = JdbcCatalogProvider.open(config, CatalogContext.defaults());
                CatalogStore second = JdbcCatalogProvider.open(config, CatalogContext.defaults())) {

            Race.run(2 * THREADS_PER_INSTANCE, racer -> {
                CatalogStore store = racer % 2 == 0 ? first : second;
                for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                    try {
                        runOne(store, history, "r" + racer + "-" + i);
                    }
                    catch (CatalogException e) {
                        assertThat(e.reason()).as("only the expected refusals, not: %s", e.getMessage()).isIn(EXPECTED_REFUSALS);
                        refusals.incrementAndGet();
                    }
                }
                return null;
            });

            try (CatalogStore reader = JdbcCatalogProvider.open(config.toBuilder().cacheMaxStaleness(Duration.ZERO).build(),
                    CatalogContext.defaults())) {
                history.assertSerialOutcome(reader.listLocations(ACCOUNT));
                assertThat(history.size()).as("enough writes succeeded to make the check meaningful").isGreaterThan(1_000);
                assertThat(refusals.get()).as("the names overlapped enough to conflict").isGreaterThan(100);
            }
        }
        finally {
            TestPostgres.dropSchema(schema);
        }
    }

    private static void runOne(CatalogStore store, HistoryRecorder history, String token) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = NAMES.get(random.nextInt(NAMES.size()));
        switch (random.nextInt(4)) {
            case 0 -> {
                LocationRecord created = store.createLocation(new LocationRecord(UUID.randomUUID().toString(), ACCOUNT, name,
                        "AMAZON_BEDROCK", null, token, null, "owner", CatalogFixtures.CREATED, HistoryRecorder.sealedFor(token), 1));
                history.written(created);
            }
            case 1 -> {
                Optional<LocationRecord> current = store.findLocation(ACCOUNT, name);
                if (current.isPresent()) {
                    LocationRecord read = current.get();
                    history.written(store.updateLocation(new LocationRecord(read.id(), ACCOUNT, name, read.source(), null, token,
                            null, read.owner(), read.created(), HistoryRecorder.sealedFor(token), read.version())));
                }
            }
            case 2 -> {
                Optional<LocationRecord> current = store.findLocation(ACCOUNT, name);
                if (current.isPresent()) {
                    String newName = NAMES.get(random.nextInt(NAMES.size()));
                    history.written(store.renameLocation(current.get(), newName));
                }
            }
            default -> {
                Optional<LocationRecord> current = store.findLocation(ACCOUNT, name);
                if (current.isPresent()) {
                    store.deleteLocation(current.get());
                    history.dropped(current.get().id(), current.get().version());
                }
            }
        }
    }
}
