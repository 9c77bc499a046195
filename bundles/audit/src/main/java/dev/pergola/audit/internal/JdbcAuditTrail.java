package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditOriginSource;
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
    /**
     * Dynamic, not in the constructor: the bundles providing sources (identity) need this trail to start, so a static
     * reference would restart both of them each time the other came up.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = AuditOriginSource.class, fieldOption = FieldOption.UPDATE)
    private final List<AuditOriginSource> sources = new CopyOnWriteArrayList<>();

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
        if (bindings.bound()) {
            return bindings.current();
        }
        Sourced sourced = fromSources();
        return sourced == null ? AuditOrigin.SYSTEM : sourced.origin();
    }

    /** The first origin a source knows for the calling context, or null. */
    private Sourced fromSources() {
        for (AuditOriginSource source : sources) {
            AuditOrigin known = source.origin();
            if (known != null) {
                return new Sourced(source, known);
            }
        }
        return null;
    }

    private record Sourced(AuditOriginSource source, AuditOrigin origin) {
    }

    private AuditRow row(AuditEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("record an entry, not null");
        }
        AuditOrigin fallback = bindings.current();
        if (!bindings.bound()) {
            Sourced sourced = fromSources();
            if (sourced != null) { // counted even when the entry brings its own origin: it is still that work's record
                fallback = sourced.origin();
                sourced.source().recorded(sourced.origin());
            }
        }
        try {
            return rows.toRow(entry, fallback, Instant.now());
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
