package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.CatalogStoreContractTest;

/** The JDBC store on an in-memory H2 database, one database per test, without the read cache. */
final class H2CatalogStoreContractTest extends CatalogStoreContractTest {

    private String url;

    @Override
    protected CatalogStore createStore() {
        url = TestH2.newUrl("contract");
        return TestH2.openUncached(url, RACERS);
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        TestH2.shutdown(url);
    }
}
