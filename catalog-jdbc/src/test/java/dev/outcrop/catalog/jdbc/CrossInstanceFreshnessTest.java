package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two cached stores on one database, as two servers: a change made through one is seen by the other
 * within its configured bound (checked with a generous wait, never a timing assertion).
 */
final class CrossInstanceFreshnessTest {

    private static final Duration BOUND = Duration.ofMillis(200);
    private static final Duration GENEROUS_WAIT = Duration.ofSeconds(10);

    @Test
    void h2_changesThroughOneInstance_reachTheOthersCache() throws SQLException {
        String url = "jdbc:h2:mem:fresh_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        JdbcCatalogConfig config = JdbcCatalogConfig.builder().url(url).cacheMaxStaleness(BOUND).build();
        checkCrossInstanceFreshness(config);
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    @RequiresPostgres
    void postgres_changesThroughOneInstance_reachTheOthersCache() {
        String schema = TestPostgres.newSchemaName("fresh");
        try {
            checkCrossInstanceFreshness(TestPostgres.config(schema).cacheMaxStaleness(BOUND).build());
        }
        finally {
            TestPostgres.dropSchema(schema);
        }
    }

    private static void checkCrossInstanceFreshness(JdbcCatalogConfig config) {
        try (CatalogStore writer = JdbcCatalogProvider.open(config, CatalogContext.defaults());
                CatalogStore reader = JdbcCatalogProvider.open(config, CatalogContext.defaults())) {
            assertThat(reader.findLocation("acme", "bedrock")).as("absent, and now cached as absent").isEmpty();

            LocationRecord created = writer.createLocation(CatalogFixtures.location("acme", "bedrock"));
            eventually("the reader sees the new location", () -> reader.findLocation("acme", "bedrock").isPresent());

            LocationRecord rotated = writer.updateLocation(CatalogFixtures.withCredentials(created, CatalogFixtures.sealed("rotated")));
            eventually("the reader sees the rotated credentials",
                    () -> reader.findLocation("acme", "bedrock").orElseThrow().equals(rotated));

            GrantRecord grant = CatalogFixtures.usageOnLocation("acme", "bedrock", "bob");
            assertThat(reader.listGrants("acme")).isEmpty();
            writer.addGrant(grant);
            eventually("the reader sees the grant", () -> reader.listGrants("acme").contains(grant));

            writer.deleteLocation(rotated);
            eventually("the reader sees the drop", () -> reader.findLocation("acme", "bedrock").isEmpty());
            // Each cached lookup is fresh to within the bound on its own; two lookups may be of different moments.
            eventually("the reader sees the grant go with the location", () -> reader.listGrants("acme").isEmpty());
        }
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + GENEROUS_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + GENEROUS_WAIT.toSeconds() + " s (bound " + BOUND.toMillis() + " ms)");
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
