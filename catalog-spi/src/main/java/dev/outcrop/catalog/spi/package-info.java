/**
 * The catalog port: where Outcrop keeps accounts, locations, principals, grants and token usage.
 *
 * <p>Extension authors implement {@link dev.outcrop.catalog.spi.CatalogProvider} and register it in
 * {@code META-INF/services/dev.outcrop.catalog.spi.CatalogProvider}; the contract they must meet is
 * written down as executable tests in {@code outcrop-catalog-testkit}.
 *
 * <p>This package depends on the JDK alone, so that an implementation pulls in nothing else. A store
 * only ever sees credentials that core has already sealed ({@link dev.outcrop.catalog.spi.SealedSecret}).
 *
 * <p>Operations are synchronous: stores are usually blocking (JDBC, an HTTP metadata service), and
 * core calls them from its own executor, never from an event loop.
 *
 * <p>Also here, JDK only: {@link dev.outcrop.catalog.spi.CatalogProviders} (the one place providers are
 * looked up by name), the reference store {@link dev.outcrop.catalog.spi.memory.InMemoryCatalogStore}
 * (provider {@code "memory"}), and the read cache {@link dev.outcrop.catalog.spi.cache.CachingCatalogStore},
 * which any store offering {@link dev.outcrop.catalog.spi.CatalogStore#changeSequence()} can sit behind.
 */
package dev.outcrop.catalog.spi;
