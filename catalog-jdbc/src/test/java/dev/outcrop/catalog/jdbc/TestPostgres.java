package dev.outcrop.catalog.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL that tests use: {@code OUTCROP_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code OUTCROP_TEST_PG_USER} (default {@code postgres}) and {@code OUTCROP_TEST_PG_PASSWORD} (default none).
 * Each test class works in schemas of its own, so that classes and machines sharing the database do not
 * see each other's rows.
 */
final class TestPostgres {

    static final String URL = env("OUTCROP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("OUTCROP_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv("OUTCROP_TEST_PG_PASSWORD");

    private TestPostgres() {}

    /** Null when reachable, else why not. */
    static String unreachableReason() {
        try (Connection connection = connect()) {
            return connection.isValid(5) ? null : "connection not valid";
        }
        catch (SQLException e) {
            return e.getMessage();
        }
    }

    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        if (PASSWORD != null) {
            properties.setProperty("password", PASSWORD);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, properties);
    }

    /** A fresh schema name; the store creates the schema when it migrates. */
    static String newSchemaName(String purpose) {
        return ("outcrop_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    static JdbcCatalogConfig.Builder config(String schema) {
        JdbcCatalogConfig.Builder builder = JdbcCatalogConfig.builder().url(URL).user(USER).schema(schema);
        if (PASSWORD != null) {
            builder.password(PASSWORD);
        }
        return builder;
    }

    static void dropSchema(String schema) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
