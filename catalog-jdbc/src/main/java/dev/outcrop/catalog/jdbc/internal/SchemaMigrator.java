package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the catalog's tables with Flyway, from {@code db/migration/outcrop}. Flyway keeps
 * its own history table ({@code outcrop_schema_history}) and, on PostgreSQL, a lock, so servers starting
 * together migrate once. Runs on its own connection before the pool exists, because the pool's
 * connections are bound to a schema that may not exist yet.
 */
final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String MIGRATIONS = "classpath:db/migration/outcrop";
    static final String HISTORY_TABLE = "outcrop_schema_history";

    private SchemaMigrator() {}

    static void migrate(String url, String user, String password, String schema, String redactedUrl) {
        var configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .connectRetries(0);
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        try {
            MigrateResult result = configuration.load().migrate();
            log.debug("Catalog schema is current [url={}, schema={}, applied={}, version={}]",
                    redactedUrl, schema, result.migrationsExecuted, result.targetSchemaVersion);
        }
        catch (FlywayException e) {
            SQLException sql = findSqlException(e);
            if (sql != null && "90020".equals(SqlErrors.sqlState(sql))) {
                throw new CatalogException(Reason.UNAVAILABLE, "The embedded catalog database at " + redactedUrl
                        + " is open in another process; an H2 file can be used by one process at a time. Stop the other "
                        + "process, give this one its own OUTCROP_DATA_DIR, or share a PostgreSQL catalog between them", e);
            }
            if (sql != null && SqlErrors.isConnectionProblem(sql)) {
                throw new CatalogException(Reason.UNAVAILABLE, "The catalog database at " + redactedUrl
                        + " cannot be reached to prepare its tables (" + SqlErrors.sqlState(sql) + ": " + sql.getMessage()
                        + "); start the database or fix the URL, then retry", e);
            }
            throw new IllegalStateException("Could not create or upgrade the catalog's tables at " + redactedUrl
                    + (schema == null ? "" : " in schema '" + schema + "'") + ": " + e.getMessage()
                    + ". Check that the user may create tables there", e);
        }
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
