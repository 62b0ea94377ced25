package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.testkit.ServiceAccountContractTest;

/** Service accounts in the JDBC store on an in-memory H2 database, one database per test, without the read cache. */
final class H2ServiceAccountContractTest extends ServiceAccountContractTest {

    private String url;

    @Override
    protected CatalogStore createStore() {
        url = TestH2.newUrl("sa_contract");
        return TestH2.openUncached(url, 4);
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        TestH2.shutdown(url);
    }
}
