package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.CatalogStoreContractTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** The JDBC store on an in-memory H2 database, one database per test, without the read cache. */
final class H2CatalogStoreContractTest extends CatalogStoreContractTest {

    private String url;

    @Override
    protected CatalogStore createStore() {
        url = "jdbc:h2:mem:contract_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        return JdbcCatalogProvider.open(JdbcCatalogConfig.builder()
                .url(url)
                .poolMaxSize(RACERS)
                .cacheMaxStaleness(Duration.ZERO)
                .build(), CatalogContext.defaults());
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("SHUTDOWN");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + url, e);
        }
    }
}
