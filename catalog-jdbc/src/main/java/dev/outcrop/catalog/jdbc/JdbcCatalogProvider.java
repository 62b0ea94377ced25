package dev.outcrop.catalog.jdbc;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.jdbc.internal.JdbcCatalogStoreFactory;
import dev.outcrop.catalog.jdbc.internal.StoreSettings;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProvider;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.cache.CachingCatalogStore;
import java.util.Map;
import java.util.Set;

/**
 * The catalog on JDBC, under the name {@value #NAME}: embedded H2 by default, PostgreSQL for deployments
 * that run several servers. Settings are listed in {@link JdbcCatalogConfig}. {@link #create} blocks
 * while it creates or upgrades the tables.
 */
public final class JdbcCatalogProvider implements CatalogProvider {

    public static final String NAME = "jdbc";

    public JdbcCatalogProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CatalogStore create(Map<String, String> config, CatalogContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        return open(JdbcCatalogConfig.fromProperties(config), context);
    }

    /**
     * Opens a store from settings built in code; the caller closes it. Unless
     * {@link JdbcCatalogConfig#cacheMaxStaleness()} is zero, the store comes behind a
     * {@link CachingCatalogStore} with that bound.
     */
    public static CatalogStore open(JdbcCatalogConfig config, CatalogContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        CatalogStore store = JdbcCatalogStoreFactory.openUncached(new StoreSettings(config.url(), config.user(), config.password(),
                config.schema(), config.poolMaxSize(), config.connectTimeout(), config.queryTimeout()), context);
        if (config.cacheMaxStaleness().isZero()) {
            return store;
        }
        return new CachingCatalogStore(store, config.cacheMaxStaleness());
    }

    @Override
    public Set<String> sensitivePropertyNames() {
        return Set.of(JdbcCatalogConfig.PASSWORD_KEY);
    }
}
