package dev.outcrop.catalog.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements run on one connection; within {@link Database#write}, all in one transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
