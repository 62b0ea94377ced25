package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.ServiceAccountContractTest;
import java.time.Duration;

/** Service accounts in the JDBC store on PostgreSQL, one fresh schema per test. */
@RequiresPostgres
final class PostgresServiceAccountContractTest extends ServiceAccountContractTest {

    private String schema;

    @Override
    protected CatalogStore createStore() {
        schema = TestPostgres.newSchemaName("sa_contract");
        return JdbcCatalogProvider.open(TestPostgres.config(schema)
                .poolMaxSize(4)
                .cacheMaxStaleness(Duration.ZERO)
                .build(), CatalogContext.defaults());
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        TestPostgres.dropSchema(schema);
    }
}
