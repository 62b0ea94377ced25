package dev.outcrop.catalog.testkit;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;

/** The reference implementation meets the contract; the kit is also checked by it. */
final class InMemoryCatalogStoreContractTest extends CatalogStoreContractTest {

    @Override
    protected CatalogStore createStore() {
        return new InMemoryCatalogStore();
    }
}
