package dev.pergola.backup.internal.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.pergola.api.errors.PergolaException;

/**
 * One backup operation (create, verify, restore, import) at a time: locally, and across the nodes sharing a
 * PostgreSQL database through a session advisory lock held on a connection of its own for the whole operation.
 */
final class OperationLock {
    /** Advisory lock key of backup operations ("pergolab"). */
    static final long OPERATION_KEY = 0x7065726761_6c6162L;

    private final AtomicReference<String> holder = new AtomicReference<>();

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws PergolaException CONFLICT when another operation runs here or on another node */
    Held acquire(DataSource dataSource, String what) {
        if (!holder.compareAndSet(null, what)) {
            throw PergolaException.conflict("Another backup operation is running: " + holder.get());
        }
        Connection session = null;
        try {
            session = dataSource.getConnection();
            if (!AdvisoryLocks.tryLock(session, OPERATION_KEY)) {
                throw PergolaException.conflict("Another node is running a backup operation");
            }
        } catch (SQLException | RuntimeException e) {
            AdvisoryLocks.closeQuietly(session);
            holder.set(null);
            if (e instanceof PergolaException p) {
                throw p;
            }
            throw PergolaException.unavailable("Cannot take the backup lock: " + e.getMessage(), null);
        }
        Connection held = session;
        return () -> {
            AdvisoryLocks.unlockQuietly(held, OPERATION_KEY);
            AdvisoryLocks.closeQuietly(held);
            holder.set(null);
        };
    }

    String holder() {
        return holder.get();
    }
}
