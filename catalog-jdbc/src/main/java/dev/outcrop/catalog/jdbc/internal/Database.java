package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reads and transactions on the pool, retrying what is safe to retry and turning every other
 * SQLException into a {@link CatalogException}. All methods block the calling thread.
 *
 * <p>What is retried, and why it is safe:
 * <ul>
 *   <li>a deadlock, serialization failure or lock timeout: the database rolled the transaction back;</li>
 *   <li>a broken connection before commit was sent (a pooled connection the database closed while it
 *       restarted): nothing was committed, so the work runs once more on a fresh connection.</li>
 * </ul>
 * A failure while committing is never retried: the change may or may not have been applied, and the
 * caller is told so.
 */
final class Database {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_CONFLICT_RETRIES = 30;

    private final DataSource dataSource;
    private final String redactedUrl;
    /** Per-statement JDBC timeout in seconds, or 0 when each connection already carries one (cheaper: see the factory). */
    private final int statementTimeoutSeconds;

    /** How long conflicts are retried in all; past it the write fails as UNAVAILABLE instead of queueing on. */
    private final long retryBudgetNanos;

    Database(DataSource dataSource, String redactedUrl, int statementTimeoutSeconds, java.time.Duration retryBudget) {
        this.dataSource = dataSource;
        this.redactedUrl = redactedUrl;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
        this.retryBudgetNanos = retryBudget.toNanos();
    }

    String redactedUrl() {
        return redactedUrl;
    }

    /** A statement under the configured query timeout, so a stalled database cannot hold a caller forever. */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (statementTimeoutSeconds > 0) {
            statement.setQueryTimeout(statementTimeoutSeconds);
        }
        return statement;
    }

    /** Runs read-only work in auto-commit mode. */
    <T> T read(String operation, SqlWork<T> work) {
        boolean retriedConnection = false;
        while (true) {
            Connection connection = null;
            try {
                connection = connect(operation);
                return work.run(connection);
            }
            catch (SQLException e) {
                // A pooled connection that broke while idle (the database restarted) is worth one more try;
                // failing to get a connection at all already waited the pool's timeout, so it is not.
                if (connection != null && SqlErrors.isConnectionProblem(e) && !retriedConnection) {
                    retriedConnection = true;
                    log.debug("Retrying a catalog read on a fresh connection [operation={}, sqlState={}]", operation, SqlErrors.sqlState(e));
                    continue;
                }
                throw SqlErrors.translate(e, operation, redactedUrl);
            }
            finally {
                closeQuietly(connection);
            }
        }
    }

    /**
     * Runs work in one transaction and commits it. A unique-constraint violation rolls back and throws
     * {@link DuplicateKeyException}; a {@link CatalogException} thrown by the work rolls back and passes.
     */
    <T> T write(String operation, SqlWork<T> work) {
        boolean retriedConnection = false;
        long startedAt = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Connection connection = null;
            boolean committing = false;
            try {
                connection = connect(operation);
                connection.setAutoCommit(false);
                T result = work.run(connection);
                committing = true;
                connection.commit();
                return result;
            }
            catch (RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
            catch (SQLException e) {
                if (committing && SqlErrors.isConnectionProblem(e)) {
                    throw new CatalogException(Reason.UNAVAILABLE, "The catalog database at " + redactedUrl
                            + " was lost while committing " + operation + ", so the change may or may not have been saved; "
                            + "read the object again once the database is back before retrying", e);
                }
                rollbackQuietly(connection);
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new DuplicateKeyException(e);
                }
                if (SqlErrors.isTransientConflict(e) && attempt < MAX_CONFLICT_RETRIES
                        && System.nanoTime() - startedAt < retryBudgetNanos) {
                    log.debug("Retrying a catalog write after a conflict [operation={}, attempt={}, sqlState={}]",
                            operation, attempt, SqlErrors.sqlState(e));
                    backOff(attempt);
                    continue;
                }
                if (SqlErrors.isConnectionProblem(e) && connection != null && !retriedConnection) {
                    retriedConnection = true;
                    log.debug("Retrying a catalog write on a fresh connection [operation={}, sqlState={}]", operation, SqlErrors.sqlState(e));
                    continue;
                }
                throw SqlErrors.translate(e, operation, redactedUrl);
            }
            finally {
                // Closing never decides the outcome: once commit returned, the change is saved.
                closeQuietly(connection);
            }
        }
    }

    private Connection connect(String operation) throws SQLException {
        // The pool waits at most its connection timeout, then throws SQLTransientConnectionException,
        // which becomes UNAVAILABLE: an outage is reported within that bound.
        return dataSource.getConnection();
    }

    private static void rollbackQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        }
        catch (SQLException e) {
            log.debug("Rollback failed; the pool discards the connection [sqlState={}]", e.getSQLState());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        }
        catch (SQLException e) {
            log.debug("Closing a catalog connection failed [sqlState={}]", e.getSQLState());
        }
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(50, 2L * attempt);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1 + ThreadLocalRandom.current().nextLong(maxMillis)));
    }
}
