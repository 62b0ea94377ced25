/**
 * The catalog on JDBC: {@link dev.outcrop.catalog.jdbc.JdbcCatalogProvider} (provider {@code "jdbc"}) and
 * its settings, {@link dev.outcrop.catalog.jdbc.JdbcCatalogConfig}. Embedded H2 by default, PostgreSQL for
 * deployments. Everything in {@code dev.outcrop.catalog.jdbc.internal} may change without notice.
 */
package dev.outcrop.catalog.jdbc;
