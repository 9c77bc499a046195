package dev.pergola.backup.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.pergola.backup.internal.format.TableEntry;

/** Metadata of the CURRENT schema of a connection (H2 PUBLIC / PostgreSQL current_schema()). */
public final class DatabaseTables {

    private DatabaseTables() {
    }

    /** {@code "h2"} or {@code "postgresql"}. */
    public static String type(Connection c) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every table of the current schema, parents before children (FK order), names as the database reports them. */
    public static List<String> tables(Connection c) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Next value per sequence (lower-case name) of the current schema; identity columns' sequences excluded. */
    public static Map<String, Long> sequences(Connection c) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Drops every table (CASCADE) and sequence of the current schema. */
    public static void dropAll(Connection c) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Portable DDL for a table absent here (a plugin not installed yet): columns and primary key. */
    public static void createTable(Connection c, TableEntry table) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Restarts each sequence at its next value (created when absent), and every identity column at max+1.
     */
    public static void restartSequences(Connection c, Map<String, Long> next) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }
}
