package dev.pergola.identity.internal.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.Meters;
import dev.pergola.api.persistence.Database;

/**
 * {@code pergola.sessions.active}: login sessions open now (not ended, not expired), counted at most once per 10 s.
 * Only this component needs {@link Meters}: a stopped metrics bundle never stops authentication.
 */
@Component
public class SessionGauge {
    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();

    private final DataSource dataSource;
    private double open;
    private long readAt;

    @Activate
    public SessionGauge(@Reference Meters meters, @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        this.dataSource = dataSource;
        readAt = System.nanoTime() - TTL_NANOS - 1;
        meters.gauge("pergola.sessions.active", "Login sessions open now", this::open);
    }

    /** NaN while the sessions cannot be counted (database down): "no value now", never a made-up zero. */
    synchronized double open() {
        long now = System.nanoTime();
        if (now - readAt > TTL_NANOS) {
            readAt = now;
            open = count();
        }
        return open;
    }

    private double count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM pergola_sessions WHERE ended_at IS NULL AND expires_at > ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : Double.NaN;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
