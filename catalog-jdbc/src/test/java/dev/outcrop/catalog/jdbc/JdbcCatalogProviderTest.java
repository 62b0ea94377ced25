package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProvider;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.cache.CachingCatalogStore;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

final class JdbcCatalogProviderTest {

    @Test
    void serviceLoader_findsJdbcBesideMemory() {
        assertThat(CatalogProviders.available(getClass().getClassLoader()))
                .extracting(CatalogProvider::name)
                .contains("jdbc", "memory");
    }

    @Test
    void open_byDefault_putsTheReadCacheInFront_andZeroStalenessTurnsItOff() {
        String url = "jdbc:h2:mem:provider_" + UUID.randomUUID().toString().replace("-", "");
        try (CatalogStore cached = CatalogProviders.open("jdbc", Map.of("jdbc.url", url), CatalogContext.defaults());
                CatalogStore uncached = CatalogProviders.open("jdbc", Map.of("jdbc.url", url, "cache.max-staleness-ms", "0"),
                        CatalogContext.defaults())) {
            assertThat(cached).isInstanceOf(CachingCatalogStore.class);
            assertThat(uncached).isNotInstanceOf(CachingCatalogStore.class);
            assertThat(uncached.toString()).contains(url);
        }
    }

    @Test
    void open_inMemoryH2WithoutCloseDelay_keepsItsTablesWhileOpen() {
        // Such a database vanishes when its last connection closes; the store must not lose its tables
        // between migrating them and opening its pool.
        String url = "jdbc:h2:mem:volatile_" + UUID.randomUUID().toString().replace("-", "");
        try (CatalogStore store = CatalogProviders.open("jdbc", Map.of("jdbc.url", url, "jdbc.schema", "catalog"),
                CatalogContext.defaults())) {
            store.createAccount(dev.outcrop.catalog.testkit.CatalogFixtures.account("acme"));

            assertThat(store.findAccount("acme")).isPresent();
        }
    }

    @Test
    void open_unknownSetting_isRefusedBeforeAnythingOpens() {
        assertThatThrownBy(() -> CatalogProviders.open("jdbc", Map.of("jdbc.pasword", "x"), CatalogContext.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc.pasword");
    }
}
