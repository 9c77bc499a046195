package dev.pergola.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;

/** The sealed records, in chain order, as events: what webhooks and resumed streams read. */
@Component(service = EventLog.class)
public class JdbcEventLog implements EventLog {
    /** Most events one call returns. */
    static final int MAX_LIMIT = 1000;
    private static final String AFTER = "SELECT " + AuditRow.COLUMNS
            + " FROM audit_log WHERE seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;
    private final EventData eventData = new EventData(new AuditJson());

    @Activate
    public JdbcEventLog(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.audit)") MigratedSchema schema) {
        this.dataSource = dataSource;
    }

    @Override
    public List<PergolaEvent> after(long sequence, int limit) {
        int n = Math.max(0, Math.min(limit, MAX_LIMIT));
        List<PergolaEvent> events = new ArrayList<>(Math.min(n, 100));
        if (n == 0) {
            return events;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(AFTER)) {
            q.setLong(1, sequence);
            q.setInt(2, n);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(eventData.event(AuditRow.read(rs)));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return events;
    }

    @Override
    public long lastSequence() {
        try (Connection c = dataSource.getConnection()) {
            return ChainLinks.last(c).seq();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static PergolaException unavailable(SQLException e) {
        return PergolaException.unavailable("The event log cannot be read now: " + e.getMessage(), Duration.ofSeconds(5));
    }
}
