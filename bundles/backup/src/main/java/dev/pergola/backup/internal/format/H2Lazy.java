package dev.pergola.backup.internal.format;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.pergola.backup.internal.db.DatabaseTables;

/**
 * H2 copies a whole result into a temporary file before returning its first row, unless the session runs
 * queries lazily: a table scan then streams straight from the table, at a fraction of the cost.
 */
final class H2Lazy {

    private H2Lazy() {
    }

    /** Turns lazy execution on for an H2 session where it is off; true when it did (undo with {@link #disable}). */
    static boolean enable(Connection c) throws SQLException {
        if (!DatabaseTables.H2.equals(DatabaseTables.type(c))) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'LAZY_QUERY_EXECUTION'")) {
            if (rs.next() && "TRUE".equalsIgnoreCase(rs.getString(1))) {
                return false;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        return true;
    }

    static void disable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION FALSE");
        }
    }
}
