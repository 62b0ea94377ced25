/**
 * A read cache for any {@link dev.outcrop.catalog.spi.CatalogStore}, kept fresh by the store's change
 * sequence; see {@link dev.outcrop.catalog.spi.cache.CachingCatalogStore}.
 */
package dev.outcrop.catalog.spi.cache;
