package dev.outcrop.catalog.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a JDBC store: resolves the URL, prepares the schema, opens the pool. Blocking. */
public final class JdbcCatalogStoreFactory {

    private static final Logger log = LoggerFactory.getLogger(JdbcCatalogStoreFactory.class);

    private JdbcCatalogStoreFactory() {}

    /**
     * Opens an uncached store; the caller closes it, which closes its pool.
     *
     * <p>Order matters: a direct connection is opened first and held until the pool has connections of
     * its own (an in-memory H2 database lives only while someone is connected, and this also tells an
     * unreachable database apart at once); it creates the schema, because the pool's connections are
     * bound to it, and on a brand-new embedded H2 database the tables ({@link NewH2Schema}); otherwise Flyway
     * migrates through the pool.
     */
    public static JdbcCatalogStore openUncached(StoreSettings config, CatalogContext context) {
        String url = config.url() != null ? config.url() : embeddedUrl(context.dataDirectory());
        String redactedUrl = JdbcUrls.redact(url);
        try (Connection bootstrap = connectDirectly(url, config)) {
            if (config.schema() != null) {
                try (Statement statement = bootstrap.createStatement()) {
                    // Quoted so that its case is kept as given, as the pool's setSchema and Flyway use it; the name
                    // was checked to be a plain identifier when it was configured.
                    statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + config.schema() + "\"");
                }
            }
            HikariConfig poolConfig = poolConfig(url, config);
            String sessionTimeout = sessionTimeoutSql(url, config);
            if (sessionTimeout != null) {
                poolConfig.setConnectionInitSql(sessionTimeout);
            }
            // A new embedded database gets its tables at once; any other goes through Flyway (see NewH2Schema).
            boolean created = NewH2Schema.applies(url) && createNew(bootstrap, config.schema(), redactedUrl);
            HikariDataSource pool = new HikariDataSource(poolConfig);
            try {
                if (!created) {
                    SchemaMigrator.migrate(pool, config.schema(), redactedUrl);
                }
                else {
                    // Flyway would have made the pool's first connection; one is needed before the bootstrap closes,
                    // or an in-memory database without a close delay would vanish with it.
                    pool.getConnection().close();
                }
            }
            catch (RuntimeException | SQLException e) {
                pool.close();
                throw e;
            }
            log.debug("Opened the catalog store [url={}, schema={}, poolMaxSize={}]", redactedUrl, config.schema(), config.poolMaxSize());
            int statementTimeout = sessionTimeout != null ? 0 : (int) config.queryTimeout().toSeconds();
            return new JdbcCatalogStore(new Database(pool, redactedUrl, statementTimeout, config.queryTimeout()), pool);
        }
        catch (SQLException e) {
            if ("90020".equals(SqlErrors.sqlState(e))) {
                throw new CatalogException(Reason.UNAVAILABLE, "The embedded catalog database at " + redactedUrl
                        + " is open in another process; an H2 file can be used by one process at a time. Stop the other "
                        + "process, give this one its own OUTCROP_DATA_DIR, or share a PostgreSQL catalog between them", e);
            }
            throw SqlErrors.translate(e, "open the catalog", redactedUrl);
        }
    }

    private static boolean createNew(Connection bootstrap, String schema, String redactedUrl) {
        try {
            return NewH2Schema.createIfEmpty(bootstrap, schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create the catalog's tables in the new database at " + redactedUrl
                    + (schema == null ? "" : " in schema '" + schema + "'") + ": " + e.getMessage()
                    + ". Delete the database's files and start again, or report this as a bug", e);
        }
    }

    private static Connection connectDirectly(String url, StoreSettings config) throws SQLException {
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String embeddedUrl(Path dataDirectory) {
        Path directory = dataDirectory.resolve("catalog");
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded catalog's directory " + directory
                    + "; set OUTCROP_DATA_DIR to a writable directory, or set jdbc.url", e);
        }
        return JdbcUrls.embeddedH2(dataDirectory);
    }

    /**
     * The query timeout set once per connection where the database has a session setting for it. A JDBC
     * {@code setQueryTimeout} on every statement costs H2 tens of microseconds (it runs a SET each time)
     * and pgjdbc a timer task; the session setting costs nothing per statement. Null for other databases,
     * which get {@code setQueryTimeout} per statement.
     */
    private static String sessionTimeoutSql(String url, StoreSettings config) {
        long millis = config.queryTimeout().toMillis();
        if (url.startsWith("jdbc:h2:")) {
            return "SET QUERY_TIMEOUT " + millis;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "SET statement_timeout = " + millis;
        }
        return null;
    }

    private static HikariConfig poolConfig(String url, StoreSettings config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("outcrop-catalog");
        pool.setJdbcUrl(url);
        if (config.user() != null) {
            pool.setUsername(config.user());
        }
        if (config.password() != null) {
            pool.setPassword(config.password());
        }
        if (config.schema() != null) {
            pool.setSchema(config.schema());
        }
        pool.setMaximumPoolSize(config.poolMaxSize());
        pool.setMinimumIdle(Math.min(2, config.poolMaxSize()));
        // A caller waits at most this long for a connection; during an outage it then gets UNAVAILABLE.
        long connectMillis = config.connectTimeout().toMillis();
        pool.setConnectionTimeout(connectMillis);
        pool.setValidationTimeout(Math.max(250, connectMillis / 2));
        // Start even if the database is down at this instant; calls fail as UNAVAILABLE until it is back.
        pool.setInitializationFailTimeout(-1);
        if (url.startsWith("jdbc:postgresql:")) {
            // Server error details can quote the failing row; keep them out of exception messages.
            pool.addDataSourceProperty("logServerErrorDetail", "false");
            pool.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
            pool.addDataSourceProperty("socketTimeout", String.valueOf(config.queryTimeout().toSeconds() + 10));
        }
        return pool;
    }
}
