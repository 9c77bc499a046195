package dev.pergola.backup.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Standalone sequences of the current schema and the identity columns' generators, per database. */
final class Sequences {

    private Sequences() {
    }

    /** Exact name → next value, identity/serial sequences excluded. */
    static Map<String, Long> next(Connection c, String database) throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        if (!DatabaseTables.POSTGRESQL.equals(database)) {
            // H2 keeps identity columns' generators out of this view; BASE_VALUE is the next value
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SEQUENCE_NAME, BASE_VALUE "
                    + "FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA ORDER BY SEQUENCE_NAME")) {
                while (rs.next()) {
                    next.put(rs.getString(1), rs.getLong(2));
                }
            }
            return next;
        }
        // pg_depend 'a' = owned by a serial column, 'i' = an identity column's: both follow their table
        Map<String, Long> increments = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT s.sequencename, s.increment_by "
                + "FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON "
                + "c.relname = s.sequencename AND c.relnamespace = n.oid WHERE s.schemaname = current_schema() AND "
                + "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) "
                + "ORDER BY s.sequencename")) {
            while (rs.next()) {
                increments.put(rs.getString(1), rs.getLong(2));
            }
        }
        // pg_sequences shows no last value after a restart; the sequence itself says whether it was used since
        for (Map.Entry<String, Long> e : increments.entrySet()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM "
                    + Identifiers.quote(e.getKey()))) {
                rs.next();
                next.put(e.getKey(), rs.getBoolean(2) ? rs.getLong(1) + e.getValue() : rs.getLong(1));
            }
        }
        return next;
    }

    /** Every identity (or serial) column restarts after its table's highest value. */
    static void restartIdentities(Connection c, String database) throws SQLException {
        for (String table : DatabaseTables.tableNames(c)) {
            TableMetadata meta = TableMetadata.of(c, table);
            for (int i = 0; i < meta.columns().size(); i++) {
                if (meta.columns().get(i).identity()) {
                    restart(c, database, meta.name(), meta.exactNames().get(i));
                }
            }
        }
    }

    private static void restart(Connection c, String database, String table, String column) throws SQLException {
        long max;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(" + Identifiers.quote(column) + ") FROM " + Identifiers.quote(table))) {
            rs.next();
            max = rs.getLong(1);
        }
        if (DatabaseTables.POSTGRESQL.equals(database)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, ?)")) {
                ps.setString(1, Identifiers.quote(table));
                ps.setString(2, column);
                ps.setLong(3, Math.max(max, 1));
                ps.setBoolean(4, max >= 1); // empty table: the next value is 1
                ps.execute();
            }
        } else {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + Identifiers.quote(table) + " ALTER COLUMN " + Identifiers.quote(column)
                        + " RESTART WITH " + (max + 1));
            }
        }
    }
}
