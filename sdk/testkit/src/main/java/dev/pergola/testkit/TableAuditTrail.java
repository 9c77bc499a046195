package dev.pergola.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;

/**
 * For a store's tests: an audit trail that writes each record into {@code test_audit} (create it with
 * {@link #TABLE}) with the connection it is given, as the real one does — what it wrote is visible only if the
 * caller's transaction commits. {@link #failNext} makes the next record fail as an unavailable audit trail would.
 * Records outside a transaction ({@link #record(AuditEntry)}) fail the test: a store records in its transaction.
 */
public final class TableAuditTrail implements AuditTrail {
    public static final String TABLE = "CREATE TABLE test_audit (action VARCHAR(100) NOT NULL, target_id VARCHAR(100))";

    /** Every entry handed over, in order. */
    public final List<AuditEntry> handed = new ArrayList<>();
    /** Whether the next record fails (after writing its row, which the caller's rollback must then undo). */
    public boolean failNext;

    @Override
    public void record(Connection transaction, AuditEntry entry) {
        handed.add(entry);
        try (PreparedStatement insert = transaction.prepareStatement(
                "INSERT INTO test_audit (action, target_id) VALUES (?, ?)")) {
            insert.setString(1, entry.action());
            insert.setString(2, entry.targetId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (failNext) {
            failNext = false;
            throw PergolaException.unavailable("audit trail down (test)", null);
        }
    }

    @Override
    public void record(AuditEntry entry) {
        throw new AssertionError("a store records its changes in their own transaction, never separately");
    }

    @Override
    public Binding bind(AuditOrigin origin) {
        return new Binding() { // a store's tests bind nothing; a bound origin would not change what is written here
            @Override
            public int recorded() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public AuditOrigin origin() {
        return AuditOrigin.SYSTEM;
    }
}
