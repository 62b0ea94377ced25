package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.CatalogStoreContractTest;
import java.time.Duration;

/** The JDBC store on PostgreSQL, one fresh schema per test, without the read cache. */
@RequiresPostgres
final class PostgresCatalogStoreContractTest extends CatalogStoreContractTest {

    private String schema;

    @Override
    protected CatalogStore createStore() {
        schema = TestPostgres.newSchemaName("contract");
        return JdbcCatalogProvider.open(TestPostgres.config(schema)
                .poolMaxSize(RACERS)
                .cacheMaxStaleness(Duration.ZERO)
                .build(), CatalogContext.defaults());
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        TestPostgres.dropSchema(schema);
    }
}
