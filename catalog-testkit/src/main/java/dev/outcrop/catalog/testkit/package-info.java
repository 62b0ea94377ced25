/**
 * The catalog contract as tests: extend {@link dev.outcrop.catalog.testkit.CatalogStoreContractTest}
 * in an implementation's test sources to check a {@link dev.outcrop.catalog.spi.CatalogStore} against it.
 */
package dev.outcrop.catalog.testkit;
