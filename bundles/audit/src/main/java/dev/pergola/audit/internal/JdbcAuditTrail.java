package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;

/**
 * Writes audit records as one {@code INSERT} each, unsealed, and nudges the {@link AuditSealer}. With the caller's
 * connection the record is part of the caller's transaction (never committed or closed here); without, it is a
 * transaction of its own. Nothing is locked: concurrent writers never wait for each other here.
 */
@Component(service = AuditTrail.class)
public class JdbcAuditTrail implements AuditTrail {
    private final DataSource dataSource;
    /** Tells the sealer a record was written. */
    private final Runnable nudge;
    private final EntryRows rows = new EntryRows(new AuditJson());
    private final OriginBindings bindings = new OriginBindings();

    @Activate
    public JdbcAuditTrail(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.audit)") MigratedSchema schema,
            @Reference AuditSealer sealer) {
        this(dataSource, sealer::nudge);
    }

    JdbcAuditTrail(DataSource dataSource, Runnable nudge) {
        this.dataSource = dataSource;
        this.nudge = nudge;
    }

    @Override
    public void record(Connection transaction, AuditEntry entry) {
        if (transaction == null) {
            throw new IllegalArgumentException("record(Connection, entry) needs the transaction's connection");
        }
        AuditRow row = row(entry);
        try {
            insert(transaction, row);
        } catch (SQLException e) {
            throw failed(entry, e);
        }
        recorded();
    }

    @Override
    public void record(AuditEntry entry) {
        AuditRow row = row(entry);
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            insert(c, row);
        } catch (SQLException e) {
            throw failed(entry, e);
        }
        recorded();
    }

    @Override
    public Binding bind(AuditOrigin origin) {
        return bindings.bind(origin);
    }

    @Override
    public AuditOrigin origin() {
        return bindings.current();
    }

    private AuditRow row(AuditEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("record an entry, not null");
        }
        try {
            return rows.toRow(entry, bindings.current(), Instant.now());
        } catch (IllegalArgumentException e) { // a value Jackson cannot write: the change must not go unrecorded
            throw new PergolaException(PergolaException.UNAVAILABLE, "The audit record of " + entry.action()
                    + " could not be written: " + e.getMessage(), java.util.Map.of(), java.util.Map.of(), null, e);
        }
    }

    private static void insert(Connection c, AuditRow row) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(AuditRow.INSERT)) {
            row.bindInsert(insert);
            insert.executeUpdate();
        }
    }

    private void recorded() {
        bindings.counted();
        nudge.run();
    }

    private static PergolaException failed(AuditEntry entry, SQLException e) {
        return new PergolaException(PergolaException.UNAVAILABLE, "The audit trail could not record "
                + entry.action() + ": " + e.getMessage(), java.util.Map.of(), java.util.Map.of(), null, e);
    }
}
