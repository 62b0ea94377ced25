package dev.outcrop.catalog.testkit;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.cache.CachingCatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.time.Duration;

/**
 * The read cache keeps the contract: with a bound of an hour, every read-after-write in the kit relies on
 * the cache forgetting on its own writes, and every race on it never serving a value it should not.
 */
final class CachedInMemoryCatalogStoreContractTest extends CatalogStoreContractTest {

    @Override
    protected CatalogStore createStore() {
        return new CachingCatalogStore(new InMemoryCatalogStore(), Duration.ofHours(1));
    }
}
