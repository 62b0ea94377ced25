package dev.outcrop.catalog.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

final class SqlErrorsTest {

    private static final String URL = "jdbc:postgresql://db:5432/outcrop";

    @Test
    void connectionFailure_isUnavailableAndSaysTheCallCanBeRetried() {
        CatalogException e = SqlErrors.translate(new SQLException("Connection refused", "08001"), "find location", URL);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("cannot be reached").contains(URL).contains("find location").contains("retried");
    }

    @Test
    void poolTimeout_andServerShutdown_areUnavailable() {
        assertThat(SqlErrors.translate(new SQLTransientConnectionException("pool timed out"), "x", URL).reason())
                .isEqualTo(Reason.UNAVAILABLE);
        assertThat(SqlErrors.translate(new SQLException("terminating connection", "57P01"), "x", URL).reason())
                .isEqualTo(Reason.UNAVAILABLE);
        assertThat(SqlErrors.translate(new SQLException("Database is already closed", "90121"), "x", URL).reason())
                .isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void dataError_isInvalid_andDoesNotRepeatTheDriverMessageThatMayQuoteTheRow() {
        CatalogException e = SqlErrors.translate(
                new SQLException("Value too long for column: 'c2VhbGVkLXNlY3JldA=='", "22001"), "create location", URL);

        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).doesNotContain("c2VhbGVkLXNlY3JldA==").contains("22001");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void unknownFailure_isUnavailable_neverNotFound() {
        CatalogException e = SqlErrors.translate(new SQLException("boom", "XX000"), "list grants", URL);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void conflictsAndDuplicates_areRecognised() {
        assertThat(SqlErrors.isTransientConflict(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(SqlErrors.isTransientConflict(new SQLException("serialization", "40001"))).isTrue();
        assertThat(SqlErrors.isUniqueViolation(new SQLException("duplicate", "23505"))).isTrue();
        assertThat(SqlErrors.isConnectionProblem(new SQLException("duplicate", "23505"))).isFalse();
    }

    @Test
    void anErrorWithoutSqlState_isNoConflict_andAPoolTimeoutIsUnavailable() {
        // HikariCP's "Connection is not available, request timed out" has no SQLState; under load it reached the
        // conflict check and threw NullPointerException out of a write.
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException("outcrop-catalog - Connection is not available");

        assertThat(SqlErrors.isTransientConflict(poolTimeout)).isFalse();
        assertThat(SqlErrors.isUniqueViolation(poolTimeout)).isFalse();
        assertThat(SqlErrors.translate(poolTimeout, "update account", URL).reason()).isEqualTo(Reason.UNAVAILABLE);
    }
}
