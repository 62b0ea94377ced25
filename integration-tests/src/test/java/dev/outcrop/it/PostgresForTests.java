package dev.outcrop.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The test PostgreSQL: where it is, a check that skips (or, under CI=true, fails) without it, and clean-up. */
final class PostgresForTests {

    static final String URL = System.getenv().getOrDefault("OUTCROP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("OUTCROP_TEST_PG_USER", "postgres");

    private PostgresForTests() {
    }

    static void require() {
        String reason;
        try (Connection connection = DriverManager.getConnection(URL + (URL.contains("?") ? "&" : "?") + "connectTimeout=5", USER,
                System.getenv("OUTCROP_TEST_PG_PASSWORD"))) {
            reason = connection.isValid(5) ? null : "the connection is not valid";
        }
        catch (SQLException e) {
            reason = e.getMessage();
        }
        String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + reason + "); start it or set OUTCROP_TEST_PG_URL";
        if (reason != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this fails instead of skipping)");
        }
        assumeTrue(reason == null, message);
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, System.getenv("OUTCROP_TEST_PG_PASSWORD"));
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
