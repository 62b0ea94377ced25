package dev.outcrop.catalog.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path without Flyway must leave a new H2 database exactly as Flyway would: the same tables, the same history
 * rows (checksums included), so that Flyway takes the database over on its next start with nothing to apply.
 */
final class NewH2SchemaTest {

    @Test
    void listsEveryScriptFlywayFinds_inFlywaysOrder() {
        JdbcDataSource fresh = dataSource("jdbc:h2:mem:scripts");
        List<String> pending = Arrays.stream(flyway(fresh, null).info().pending()).map(MigrationInfo::getScript).toList();

        assertThat(NewH2Schema.SCRIPTS).as("add the new script to NewH2Schema.SCRIPTS").isEqualTo(pending);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "catalog_schema")
    void leavesTheSameTablesAndHistoryAsFlyway(String schema, @TempDir Path directory) throws SQLException {
        JdbcDataSource byFlyway = dataSource("jdbc:h2:file:" + directory.resolve("flyway"));
        JdbcDataSource direct = dataSource("jdbc:h2:file:" + directory.resolve("direct"));
        try (Connection flywayConnection = byFlyway.getConnection(); Connection directConnection = direct.getConnection()) {
            createSchema(flywayConnection, schema);
            createSchema(directConnection, schema);
            MigrateResult migrated = flyway(byFlyway, schema).migrate();
            assertThat(migrated.migrationsExecuted).isEqualTo(NewH2Schema.SCRIPTS.size());

            assertThat(NewH2Schema.createIfEmpty(directConnection, schema)).isTrue();

            assertThat(definitions(directConnection)).isEqualTo(definitions(flywayConnection)).isNotEmpty();
            assertThat(history(directConnection, schema)).isEqualTo(history(flywayConnection, schema)).hasSize(NewH2Schema.SCRIPTS.size() + 1);
            assertThat(rows(directConnection, schema, "outcrop_catalog_version")).isEqualTo(List.of("1,0"));
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "catalog_schema")
    void flywayThenFindsEveryMigrationAppliedAndValid(String schema, @TempDir Path directory) throws SQLException {
        JdbcDataSource direct = dataSource("jdbc:h2:file:" + directory.resolve("direct"));
        try (Connection connection = direct.getConnection()) {
            createSchema(connection, schema);
            assertThat(NewH2Schema.createIfEmpty(connection, schema)).isTrue();
        }

        ValidateResult validated = flyway(direct, schema).validateWithResult();
        MigrateResult migrated = flyway(direct, schema).migrate();

        assertThat(validated.validationSuccessful).as(String.valueOf(validated.invalidMigrations)).isTrue();
        assertThat(migrated.migrationsExecuted).isZero();
        assertThat(flyway(direct, schema).info().current().getScript()).isEqualTo(NewH2Schema.SCRIPTS.get(NewH2Schema.SCRIPTS.size() - 1));
    }

    @Test
    void leavesADatabaseWithTablesToFlyway(@TempDir Path directory) throws SQLException {
        JdbcDataSource existing = dataSource("jdbc:h2:file:" + directory.resolve("existing"));
        try (Connection connection = existing.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE someone_elses (id INT)");

            assertThat(NewH2Schema.createIfEmpty(connection, null)).isFalse();
            assertThat(tables(connection)).containsExactly("SOMEONE_ELSES");
        }
    }

    @Test
    void appliesOnlyWhereThisProcessAloneCanBeCreatingTheDatabase() {
        assertThat(NewH2Schema.applies("jdbc:h2:file:/data/catalog/outcrop-catalog;LOCK_TIMEOUT=10000")).isTrue();
        assertThat(NewH2Schema.applies("jdbc:h2:mem:catalog;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(NewH2Schema.applies("jdbc:h2:file:/data/catalog;AUTO_SERVER=TRUE")).isFalse();
        assertThat(NewH2Schema.applies("jdbc:h2:tcp://db:9092/catalog")).isFalse();
        assertThat(NewH2Schema.applies("jdbc:postgresql://db/catalog")).isFalse();
    }

    @Test
    void checksumIsFlywaysForAnyLineBreaks() {
        int unix = NewH2Schema.checksum("-- a\nCREATE TABLE t (id INT);\n");

        assertThat(NewH2Schema.checksum("\uFEFF-- a\r\nCREATE TABLE t (id INT);\r\n")).isEqualTo(unix);
        assertThat(NewH2Schema.checksum("-- a\nCREATE TABLE t (id BIGINT);\n")).isNotEqualTo(unix);
    }

    private static Flyway flyway(JdbcDataSource dataSource, String schema) {
        var configuration = Flyway.configure(NewH2SchemaTest.class.getClassLoader()).dataSource(dataSource)
                .locations(SchemaMigrator.MIGRATIONS).table(SchemaMigrator.HISTORY_TABLE).failOnMissingLocations(true);
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema);
        }
        return configuration.load();
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static void createSchema(Connection connection, String schema) throws SQLException {
        if (schema != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
            }
        }
    }

    /** The database's definitions (tables, columns, constraints, indexes), as H2 scripts them. */
    private static List<String> definitions(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet script = statement.executeQuery("SCRIPT NODATA NOSETTINGS")) {
            while (script.next()) {
                String line = script.getString(1);
                if (!line.startsWith("-- ") && !line.startsWith("CREATE USER")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Every history row but when it was applied and how long it took. */
    private static List<String> history(Connection connection, String schema) throws SQLException {
        return query(connection, "SELECT \"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                + "\"success\" FROM " + (schema == null ? "" : "\"" + schema + "\".") + "\"" + SchemaMigrator.HISTORY_TABLE
                + "\" ORDER BY \"installed_rank\"");
    }

    private static List<String> rows(Connection connection, String schema, String table) throws SQLException {
        return query(connection, "SELECT * FROM " + (schema == null ? "" : "\"" + schema + "\".") + table);
    }

    private static List<String> tables(Connection connection) throws SQLException {
        return query(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA");
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "," : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
