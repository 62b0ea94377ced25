package dev.outcrop.catalog.spi;

import java.util.Map;
import java.util.Set;

/**
 * Entry point of a catalog implementation, discovered through {@link java.util.ServiceLoader}.
 * A deployment chooses one by {@link #name()} and passes it a configuration map.
 */
public interface CatalogProvider {

    /** Stable name used in configuration, such as {@code "memory"} or {@code "jdbc"}. */
    String name();

    /**
     * Creates a store. The caller owns the result and closes it.
     *
     * @param config provider-specific settings; unknown keys should be refused with a message naming them
     * @param context services the host offers to the store
     */
    CatalogStore create(Map<String, String> config, CatalogContext context);

    /** Configuration keys whose values must never be logged or shown (passwords, tokens). */
    default Set<String> sensitivePropertyNames() {
        return Set.of();
    }
}
