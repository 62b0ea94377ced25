package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A row locked for long by someone else (an operator's open transaction, a hung server) must not hold a
 * caller forever: after the configured query timeout the write fails as UNAVAILABLE, and once the lock
 * is gone it succeeds.
 */
final class LockWaitBoundTest {

    @Test
    void h2_writeBlockedByAForeignLock_failsAsUnavailableThenSucceeds() throws SQLException {
        String url = "jdbc:h2:mem:lock_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=300";
        JdbcCatalogConfig config = JdbcCatalogConfig.builder().url(url).queryTimeout(Duration.ofSeconds(1))
                .cacheMaxStaleness(Duration.ZERO).build();
        try (CatalogStore store = JdbcCatalogProvider.open(config, CatalogContext.defaults())) {
            checkLockWaitIsBounded(store, () -> DriverManager.getConnection(url), "");
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    @RequiresPostgres
    void postgres_writeBlockedByAForeignLock_failsAsUnavailableThenSucceeds() throws SQLException {
        String schema = TestPostgres.newSchemaName("lock");
        JdbcCatalogConfig config = TestPostgres.config(schema).queryTimeout(Duration.ofSeconds(1)).cacheMaxStaleness(Duration.ZERO).build();
        try (CatalogStore store = JdbcCatalogProvider.open(config, CatalogContext.defaults())) {
            checkLockWaitIsBounded(store, TestPostgres::connect, schema + ".");
        }
        finally {
            TestPostgres.dropSchema(schema);
        }
    }

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static void checkLockWaitIsBounded(CatalogStore store, ConnectionSource foreign, String tablePrefix) throws SQLException {
        LocationRecord created = store.createLocation(CatalogFixtures.location("acme", "bedrock"));
        try (Connection holder = foreign.open(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.executeUpdate("UPDATE " + tablePrefix + "outcrop_locations SET description = 'held' WHERE location_name = 'bedrock'");

            assertThatThrownBy(() -> store.updateLocation(CatalogFixtures.withDescription(created, "mine")))
                    .isInstanceOfSatisfying(CatalogException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("did not answer in time").contains("retried");
                    });
            holder.rollback();
        }

        LocationRecord updated = store.updateLocation(CatalogFixtures.withDescription(created, "mine"));
        assertThat(store.findLocation("acme", "bedrock")).contains(updated);
    }
}
