package dev.pergola.tasks.internal.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Across nodes sharing one PostgreSQL database, a task runs on one node at a time: the run holds a session advisory
 * lock on a connection of its own for its whole duration (a crashed node's lock ends with its session). On H2 (one
 * node by construction) the engine's local guard is enough and this grants every lock.
 */
final class ClusterLock implements AutoCloseable {
    private final Connection session;
    private final long key;

    private ClusterLock(Connection session, long key) {
        this.session = session;
        this.key = key;
    }

    /** The lock of {@code taskId}, or null when another node holds it. */
    static ClusterLock tryAcquire(DataSource dataSource, boolean postgres, String taskId) throws SQLException {
        if (!postgres) {
            return new ClusterLock(null, 0);
        }
        long key = key(taskId);
        Connection c = dataSource.getConnection();
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getBoolean(1)) {
                    return new ClusterLock(c, key);
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /** 64 bits of SHA-256 over a namespaced id: stable across nodes and versions. */
    static long key(String taskId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("pergola.task:" + taskId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public void close() {
        if (session == null) {
            return;
        }
        try (PreparedStatement s = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        } catch (SQLException e) {
            // the lock ends with the session, closed below
        }
        try {
            session.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
