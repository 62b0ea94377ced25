package dev.outcrop.catalog.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The catalog's tables on a brand-new embedded H2 database, without Flyway: each migration script run as it is, in
 * order, and recorded in Flyway's history table exactly as Flyway records it (the same table, the same rows, Flyway's
 * checksum of each script), so that every later start of that database goes through {@link SchemaMigrator} and Flyway
 * finds these migrations applied and valid. Flyway itself costs a cold JVM about 1.4 s of CPU (its plugins, its
 * configuration copied through Jackson, a scan of the class path for scripts) before it runs four scripts that H2
 * runs in milliseconds; the demo and every first start of the default embedded catalog pay that on the way to their
 * first answer.
 *
 * <p>Only where this process alone can be creating the database (an H2 file or in-memory URL, not a server or
 * AUTO_SERVER one), and serialised in this process, so that two stores opening the same new database cannot both
 * take it for empty. Anything else, or a database with any table in the schema, goes to Flyway.
 */
final class NewH2Schema {

    /**
     * The migration scripts under {@code db/migration/outcrop}, in Flyway's order. A test compares this with what
     * Flyway finds there, so a script added without being listed fails the build.
     */
    static final List<String> SCRIPTS = List.of(
            "V1__create_catalog.sql",
            "V2__sealing_keys.sql",
            "V2_1__service_accounts.sql",
            "V3__account_external_id.sql");

    private static final String LOCATION = "db/migration/outcrop/";
    /** Flyway 11's first row of a history table it created (and the columns, indexes and names below are its own). */
    private static final String TABLE_CREATED = "<< Flyway Schema History table created >>";

    private NewH2Schema() {
    }

    /** Whether the URL names an H2 database that only this process can open: a file without AUTO_SERVER, or memory. */
    static boolean applies(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        boolean local = upper.startsWith("JDBC:H2:FILE:") || upper.startsWith("JDBC:H2:MEM:");
        return local && !upper.replace(" ", "").contains("AUTO_SERVER=TRUE");
    }

    /**
     * Creates the tables and the history if the connection's schema (made current here when {@code schema} is given)
     * has no table at all.
     *
     * @return true if it did; false if the schema already had tables, which Flyway then checks and upgrades
     */
    static synchronized boolean createIfEmpty(Connection connection, String schema) throws SQLException {
        if (schema != null) {
            connection.setSchema(schema);
        }
        try (Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA")) {
            tables.next();
            if (tables.getLong(1) > 0) {
                return false;
            }
        }
        String history = "\"" + SchemaMigrator.HISTORY_TABLE + "\"";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + history + " ("
                    + "\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, "
                    + "\"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT, "
                    + "\"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, "
                    + "\"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL, "
                    + "CONSTRAINT \"" + SchemaMigrator.HISTORY_TABLE + "_pk\" PRIMARY KEY (\"installed_rank\"))");
            statement.execute("CREATE INDEX \"" + SchemaMigrator.HISTORY_TABLE + "_s_idx\" ON " + history + " (\"success\")");
        }
        String installedBy = currentUser(connection);
        String insert = "INSERT INTO " + history + " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
                + "\"installed_by\", \"execution_time\", \"success\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE)";
        try (PreparedStatement record = connection.prepareStatement(insert)) {
            record(record, -1, null, TABLE_CREATED, "TABLE", "", null, "", 0);
            int rank = 1;
            for (String script : SCRIPTS) {
                String sql = read(script);
                long start = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    // H2 runs a script of several statements, comments included, as one command list.
                    statement.execute(sql);
                }
                int millis = (int) ((System.nanoTime() - start) / 1_000_000);
                String name = script.substring(1, script.length() - ".sql".length());
                int separator = name.indexOf("__");
                record(record, rank++, name.substring(0, separator).replace('_', '.'), name.substring(separator + 2).replace('_', ' '), "SQL",
                        script, checksum(sql), installedBy, millis);
            }
        }
        return true;
    }

    private static void record(PreparedStatement insert, int rank, String version, String description, String type, String script,
                               Integer checksum, String installedBy, int millis) throws SQLException {
        insert.setInt(1, rank);
        insert.setString(2, version);
        insert.setString(3, description);
        insert.setString(4, type);
        insert.setString(5, script);
        if (checksum == null) {
            insert.setNull(6, java.sql.Types.INTEGER);
        }
        else {
            insert.setInt(6, checksum);
        }
        insert.setString(7, installedBy);
        insert.setInt(8, millis);
        insert.executeUpdate();
    }

    /** As Flyway's H2 support reads it, for the history's installed_by. */
    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet user = statement.executeQuery("SELECT USER()")) {
            user.next();
            return user.getString(1);
        }
    }

    /** Flyway's checksum of a script: CRC32 over its lines' UTF-8 bytes, without line breaks or a leading byte-order mark. */
    static int checksum(String sql) {
        CRC32 crc = new CRC32();
        String text = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static String read(String script) {
        try (InputStream in = NewH2Schema.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("the migration script " + LOCATION + script + " is missing from the class path: "
                        + "the catalog-jdbc jar is incomplete; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read the migration script " + LOCATION + script, e);
        }
    }
}
