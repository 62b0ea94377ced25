package dev.outcrop.catalog.testkit;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;

/** The in-memory store holds service accounts. */
final class InMemoryServiceAccountContractTest extends ServiceAccountContractTest {

    @Override
    protected CatalogStore createStore() {
        return new InMemoryCatalogStore();
    }
}
