package dev.pergola.webhooks.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the queue stands, for the health check.
 *
 * @param waiting deliveries not yet delivered nor given up
 * @param late of those, how many were queued before the caller's threshold
 * @param failing subscriptions whose oldest waiting delivery has failed at least the caller's number of times,
 *                id → attempts
 */
public record Backlog(long waiting, long late, Map<String, Integer> failing) {
    private static final String WAITING = "('pending','failed')";

    static Backlog read(Connection c, Instant lateBefore, int failures) throws SQLException {
        long waiting;
        long overdue;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN created_at < ?"
                + " THEN 1 ELSE 0 END), 0) FROM webhook_deliveries WHERE status IN " + WAITING)) {
            s.setTimestamp(1, Timestamp.from(lateBefore));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                waiting = r.getLong(1);
                overdue = r.getLong(2);
            }
        }
        Map<String, Integer> failing = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT webhook_id, MAX(attempts) FROM webhook_deliveries"
                + " WHERE status IN " + WAITING + " GROUP BY webhook_id HAVING MAX(attempts) >= ?")) {
            s.setInt(1, failures);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    failing.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return new Backlog(waiting, overdue, failing);
    }
}
