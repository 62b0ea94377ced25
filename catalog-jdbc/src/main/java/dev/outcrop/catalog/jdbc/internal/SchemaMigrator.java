package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the catalog's tables with Flyway, from {@code db/migration/outcrop}. Flyway keeps
 * its own history table ({@code outcrop_schema_history}) and, on PostgreSQL, a lock, so servers
 * starting together migrate once. Runs through the store's pool; the schema exists by then.
 */
final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String MIGRATIONS = "classpath:db/migration/outcrop";
    static final String HISTORY_TABLE = "outcrop_schema_history";

    private SchemaMigrator() {}

    static void migrate(DataSource dataSource, String schema, String redactedUrl) {
        var configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .connectRetries(0);
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema);
        }
        try {
            MigrateResult result = configuration.load().migrate();
            log.debug("Catalog schema is current [url={}, schema={}, applied={}, version={}]",
                    redactedUrl, schema, result.migrationsExecuted, result.targetSchemaVersion);
        }
        catch (FlywayException e) {
            SQLException sql = findSqlException(e);
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
