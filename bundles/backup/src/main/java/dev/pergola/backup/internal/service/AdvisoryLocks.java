package dev.pergola.backup.internal.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** PostgreSQL session advisory locks; on H2 (one node by construction) every lock is granted. */
final class AdvisoryLocks {
    private AdvisoryLocks() {
    }

    static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    static boolean tryLock(Connection c, long key) throws SQLException {
        if (!postgres(c)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static void unlockQuietly(Connection c, long key) {
        try {
            if (c != null && !c.isClosed() && postgres(c)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            // the lock ends with the session anyway
        }
    }

    static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            // nothing left to release
        }
    }
}
