package dev.pergola.backup.internal.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Which node runs the schedule: on PostgreSQL the one holding a session advisory lock on a connection it keeps
 * (another node takes over when that session ends); on H2 (a single node by construction) always this one.
 */
final class ScheduleLeader {
    /** Advisory lock key of the backup schedule ("pergolas"). */
    static final long KEY = 0x7065726761_6c6173L;

    private final DataSource dataSource;
    private Connection session;

    ScheduleLeader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    synchronized boolean lead() {
        try {
            if (session != null && session.isValid(2)) {
                return true;
            }
            release();
            Connection c = dataSource.getConnection();
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                c.close();
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        session = c;
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            release();
            return false;
        }
    }

    synchronized void release() {
        if (session == null) {
            return;
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } catch (SQLException e) {
            // the lock ends with the session
        }
        try {
            session.close();
        } catch (SQLException e) {
            // nothing more to release
        }
        session = null;
    }
}
