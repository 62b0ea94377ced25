package dev.outcrop.catalog.spi.memory;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProvider;
import dev.outcrop.catalog.spi.CatalogStore;
import java.util.Map;
import java.util.TreeSet;

/**
 * Provides {@link InMemoryCatalogStore} under the name {@value #NAME}. It takes no configuration: each
 * call to {@link #create} returns a new, empty store.
 */
public final class InMemoryCatalogProvider implements CatalogProvider {

    public static final String NAME = "memory";

    public InMemoryCatalogProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CatalogStore create(Map<String, String> config, CatalogContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        if (!config.isEmpty()) {
            throw new IllegalArgumentException("The '" + NAME + "' catalog takes no configuration, but was given "
                    + new TreeSet<>(config.keySet()) + "; remove these settings or choose another catalog provider");
        }
        return new InMemoryCatalogStore();
    }
}
