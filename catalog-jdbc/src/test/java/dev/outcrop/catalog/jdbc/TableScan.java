package dev.outcrop.catalog.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads every value of every table in a schema with plain JDBC, as an operator or an attacker with a dump would. */
final class TableScan {

    private TableScan() {}

    /** {@code table.column=value} for every non-null value; tables found through the driver's metadata. */
    static List<String> allValues(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet found = metaData.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (found.next()) {
                tables.add(found.getString("TABLE_NAME"));
            }
        }
        List<String> values = new ArrayList<>();
        for (String table : tables) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM " + schema + ".\"" + table + "\"")) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        String value = rows.getString(i);
                        if (value != null) {
                            values.add(table + "." + columns.getColumnName(i) + "=" + value);
                        }
                    }
                }
            }
        }
        return values;
    }
}
