package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.ServiceAccountContractTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** Service accounts in the JDBC store on an in-memory H2 database, one database per test. */
final class H2ServiceAccountContractTest extends ServiceAccountContractTest {

    private String url;

    @Override
    protected CatalogStore createStore() {
        url = "jdbc:h2:mem:sa_contract_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        return JdbcCatalogProvider.open(JdbcCatalogConfig.builder()
                .url(url)
                .poolMaxSize(4)
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
