package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Sorts SQLExceptions from H2 and PostgreSQL into what the store does about them. SQLStates are used
 * where both databases agree; H2's own codes are listed where it has no standard state.
 *
 * <p>Driver messages are repeated only for connection failures: other messages may quote the values
 * of the failing row (H2 quotes a too-long value), and a row may hold a sealed credential.
 */
final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Deadlock (H2, both serialization failures), PostgreSQL deadlock, lock not available, H2 lock timeout and concurrent update. */
    private static final Set<String> TRANSIENT_CONFLICTS = Set.of("40001", "40P01", "55P03", "HYT00", "90131");
    /** PostgreSQL shutting down or starting, and H2's connection broken, database closed or in use by another process. */
    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "90067", "90098", "90121", "90020");
    private static final String QUERY_CANCELLED = "57014";

    private SqlErrors() {}

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(sqlState(e));
    }

    /** A conflict between transactions that rolled ours back and that a retry may not meet again. */
    static boolean isTransientConflict(SQLException e) {
        // Set.of(...).contains(null) throws: a pool timeout carries no SQLState.
        String state = sqlState(e);
        return state != null && TRANSIENT_CONFLICTS.contains(state);
    }

    /** The database cannot be reached, or the connection broke. */
    static boolean isConnectionProblem(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = sqlState(e);
        return state != null && (state.startsWith("08") || state.startsWith("53") || CONNECTION_STATES.contains(state));
    }

    static CatalogException translate(SQLException e, String operation, String redactedUrl) {
        String state = sqlState(e);
        if (isConnectionProblem(e)) {
            return new CatalogException(Reason.UNAVAILABLE, "The catalog database at " + redactedUrl + " cannot be reached ("
                    + operation + ": " + describe(e) + "); the call can be retried once the database is back", e);
        }
        if (QUERY_CANCELLED.equals(state) || "55P03".equals(state) || (state != null && state.startsWith("HYT"))) {
            return new CatalogException(Reason.UNAVAILABLE, "The catalog database at " + redactedUrl
                    + " did not answer in time (" + operation + ", SQLState " + state + "): it is overloaded, or another transaction "
                    + "holds a lock for long; the call can be retried");
        }
        if (state != null && (state.startsWith("22") || state.equals("54000"))) {
            return new CatalogException(Reason.INVALID, "The catalog database cannot hold a value given to " + operation
                    + " (SQLState " + state + "): a text is too long or holds a character the database refuses; "
                    + "shorten it or remove the character");
        }
        return new CatalogException(Reason.UNAVAILABLE, "The catalog database at " + redactedUrl + " failed during " + operation
                + " (SQLState " + state + ", error " + e.getErrorCode() + "); the call can be retried, and if this persists "
                + "check the database's log");
    }

    /** The first SQLState found along the exception and its causes. */
    static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String describe(SQLException e) {
        String state = sqlState(e);
        return (state == null ? "" : "SQLState " + state + ", ") + e.getMessage();
    }
}
