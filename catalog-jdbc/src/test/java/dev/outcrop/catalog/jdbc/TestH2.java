package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The H2 databases the contract tests use, as {@link TestPostgres} is for PostgreSQL: a fresh in-memory database per
 * test, kept while the store's pool opens and closes connections ({@code DB_CLOSE_DELAY=-1}) until {@link #shutdown}.
 */
final class TestH2 {

    private TestH2() {}

    /** A fresh database; racing writers wait up to 10 s for each other's row locks ({@code LOCK_TIMEOUT}) rather than fail. */
    static String newUrl(String purpose) {
        return "jdbc:h2:mem:" + purpose + "_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    /** The JDBC store on {@code url} without the read cache, so that every read the contract checks reaches the database. */
    static CatalogStore openUncached(String url, int poolMaxSize) {
        return JdbcCatalogProvider.open(JdbcCatalogConfig.builder()
                .url(url)
                .poolMaxSize(poolMaxSize)
                .cacheMaxStaleness(Duration.ZERO)
                .build(), CatalogContext.defaults());
    }

    /** Drops the database (its store closed first). */
    static void shutdown(String url) {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("SHUTDOWN");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + url, e);
        }
    }
}
