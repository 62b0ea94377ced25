package dev.outcrop.catalog.testkit;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.cache.CachingCatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.time.Duration;

/** The read cache passes service accounts through and forgets on their writes. */
final class CachedInMemoryServiceAccountContractTest extends ServiceAccountContractTest {

    @Override
    protected CatalogStore createStore() {
        return new CachingCatalogStore(new InMemoryCatalogStore(), Duration.ofHours(1));
    }
}
