package dev.pergola.webhooks.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.JdbcTransactions;
import dev.pergola.api.persistence.MigratedSchema;

/**
 * The delivery queue in {@code webhook_deliveries}, in plain JDBC because it needs what JPA does not say:
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, transaction-scoped advisory locks, one transaction spanning the
 * cursor and the new rows. On H2 (one node by construction) a lock in this JVM takes the place of both.
 *
 * <p>Order per subscription: a row is claimable only when it is its subscription's waiting row with the lowest
 * {@code position} (a database sequence), and a claimed row is still waiting, so a subscription has at most one
 * delivery in flight and the next one waits until the previous is delivered or given up.
 */
@Component(service = DeliveryQueue.class)
public class DeliveryQueue {
    /** Key of the dispatcher's PostgreSQL advisory lock ("webhook" in ASCII). */
    static final long DISPATCH_LOCK = 0x776562686f6f6bL;
    private static final String WAITING = "('pending','failed')";

    private final DataSource dataSource;
    private final boolean postgres;
    /** H2: stands for the advisory lock (dispatch) and for SKIP LOCKED (claims). */
    private final ReentrantLock dispatchLock = new ReentrantLock();
    private final ReentrantLock claimLock = new ReentrantLock();
    private final Wakeup wakeup = new Wakeup();

    @Activate
    public DeliveryQueue(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference Database database,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.webhooks)") MigratedSchema schema) {
        this(dataSource, "postgresql".equals(database.type()));
    }

    public DeliveryQueue(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Wakes the workers and the dispatcher: there is something to do. */
    public Wakeup wakeup() {
        return wakeup;
    }

    /**
     * Runs {@code work} in one transaction as the only dispatcher of the cluster, with the cursor read for update.
     *
     * @return what {@code work} returned, or -1 when another node holds the dispatcher's lock
     */
    public int dispatch(DispatchWork work) {
        if (!postgres && !dispatchLock.tryLock()) {
            return -1;
        }
        try {
            return inTransaction(c -> {
                if (postgres && !advisoryLock(c)) {
                    return -1;
                }
                Long cursor;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT last_sequence FROM webhook_cursor WHERE id = 1 FOR UPDATE");
                        ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new SQLException("webhook_cursor has no row: the migration did not run");
                    }
                    long value = r.getLong(1);
                    cursor = r.wasNull() ? null : value;
                }
                return work.run(new Dispatch(c, cursor));
            });
        } finally {
            if (!postgres) {
                dispatchLock.unlock();
            }
        }
    }

    /** The dispatcher's view of the queue, inside its transaction. */
    public interface DispatchWork {
        int run(Dispatch dispatch) throws SQLException;
    }

    /** Cursor and inserts inside the dispatcher's transaction. */
    public final class Dispatch {
        private final Connection c;
        private final Long cursor;

        Dispatch(Connection c, Long cursor) {
            this.c = c;
            this.cursor = cursor;
        }

        /** The last sequence turned into deliveries; null before the first run. */
        public Long cursor() {
            return cursor;
        }

        /** Active subscriptions: id → event patterns. */
        public Map<String, List<String>> subscriptions() throws SQLException {
            Map<String, List<String>> active = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, events FROM webhooks WHERE active = TRUE");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    active.put(r.getString(1), WebhookEntity.patterns(r.getString(2)));
                }
            }
            return active;
        }

        public void insert(List<QueuedDelivery> deliveries, Instant now) throws SQLException {
            insertAll(c, deliveries, now);
        }

        public void advance(long sequence, Instant now) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook_cursor SET last_sequence = ?, updated_at = ? WHERE id = 1")) {
                s.setLong(1, sequence);
                s.setTimestamp(2, Timestamp.from(now));
                s.executeUpdate();
            }
        }
    }

    /** Adds deliveries outside the dispatcher (test ping, redelivery), due now. */
    public void enqueue(QueuedDelivery delivery, Instant now) {
        inTransaction(c -> {
            insertAll(c, List.of(delivery), now);
            return 0;
        });
        wakeup.wake();
    }

    /**
     * Leases up to {@code limit} due deliveries, at most one per subscription (its oldest waiting one), until
     * {@code now + lease}.
     */
    public List<Claim> claim(int limit, Instant now, Duration lease) {
        if (!postgres) {
            claimLock.lock();
        }
        try {
            return inTransaction(c -> claimIn(c, limit, now, lease));
        } finally {
            if (!postgres) {
                claimLock.unlock();
            }
        }
    }

    private List<Claim> claimIn(Connection c, int limit, Instant now, Duration lease) throws SQLException {
        // the heads: each subscription's waiting row with the lowest position, found in one pass (GROUP BY).
        // The subquery takes this claim's token (a UUID, never a webhook id: it excludes nothing) so that H2 never
        // reuses its result: H2 keeps the result of a subquery without parameters until a table it reads is
        // modified, and counts a commit as a modification before the committed rows are visible; heads read in that
        // window stayed cached, and the subscription's next delivery was never claimed until some unrelated write
        // (the stall of issue 10). A correlated NOT EXISTS avoids the cache too but is ~10x slower on H2.
        String sql = "SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts, w.url, w.secret"
                + " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                + " WHERE d.position IN (SELECT MIN(e.position) FROM webhook_deliveries e WHERE e.status IN " + WAITING
                + "   AND e.webhook_id <> ? GROUP BY e.webhook_id)"
                + " AND d.status IN " + WAITING + " AND w.active = TRUE AND d.next_attempt_at <= ?"
                + " AND (d.claimed_until IS NULL OR d.claimed_until < ?)"
                + " ORDER BY d.next_attempt_at, d.position LIMIT ?"
                + (postgres ? " FOR UPDATE OF d SKIP LOCKED" : "");
        List<Claim> claims = new ArrayList<>();
        String token = UUID.randomUUID().toString();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Timestamp at = Timestamp.from(now);
            s.setString(1, token);
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setInt(4, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    claims.add(new Claim(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getInt(6), r.getString(7), r.getString(8), token));
                }
            }
        }
        if (!claims.isEmpty()) {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE webhook_deliveries SET claimed_until = ?, claim_token = ? WHERE id = ?")) {
                for (Claim claim : claims) {
                    u.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    u.setString(2, token);
                    u.setString(3, claim.id());
                    u.addBatch();
                }
                u.executeBatch();
            }
        }
        return claims;
    }

    /**
     * Ends every lease (a restore brought back rows leased when the backup was taken, by attempts that no longer
     * exist): they are claimable at once instead of when their lease would have run out. Such a delivery may have
     * reached its receiver already and is sent again (at least once; receivers dedupe on {@code X-Pergola-Delivery}).
     *
     * @return how many leases were ended
     */
    public int releaseLeases() {
        int released = inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET claimed_until = NULL,"
                    + " claim_token = NULL WHERE claimed_until IS NOT NULL")) {
                return s.executeUpdate();
            }
        });
        wakeup.wake();
        return released;
    }

    /** A 2xx answer. @return false when the lease was lost meanwhile (nothing written) */
    public boolean delivered(Claim claim, int statusCode, long durationMs, Instant now) {
        return inTransaction(c -> finish(c, claim, "delivered", statusCode, null, durationMs, null, now)) == 1;
    }

    /** A failed attempt to retry at {@code next}. */
    public boolean failed(Claim claim, Integer statusCode, String error, long durationMs, Instant next) {
        return inTransaction(c -> finish(c, claim, "failed", statusCode, error, durationMs, next, null)) == 1;
    }

    /** The last attempt failed: {@code gave_up}, and {@code alsoInTransaction} (the audit record) with it. */
    public boolean gaveUp(Claim claim, Integer statusCode, String error, long durationMs,
            Consumer<Connection> alsoInTransaction) {
        return inTransaction(c -> {
            int updated = finish(c, claim, "gave_up", statusCode, error, durationMs, null, null);
            if (updated == 1) {
                alsoInTransaction.accept(c);
            }
            return updated;
        }) == 1;
    }

    private static int finish(Connection c, Claim claim, String status, Integer code, String error, long durationMs,
            Instant next, Instant deliveredAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,"
                + " last_status_code = ?, last_error = ?, duration_ms = ?, next_attempt_at = ?, delivered_at = ?,"
                + " claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?")) {
            s.setString(1, status);
            if (code == null) {
                s.setNull(2, java.sql.Types.INTEGER);
            } else {
                s.setInt(2, code);
            }
            s.setString(3, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
            s.setLong(4, durationMs);
            s.setTimestamp(5, next == null ? null : Timestamp.from(next));
            s.setTimestamp(6, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            s.setString(7, claim.id());
            s.setString(8, claim.token());
            return s.executeUpdate();
        }
    }

    /** The stored payload of a delivery, to send it again. */
    public java.util.Optional<QueuedDelivery> find(String deliveryId) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, webhook_id, event_id, event_type, sequence, payload"
                    + " FROM webhook_deliveries WHERE id = ?")) {
                s.setString(1, deliveryId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? java.util.Optional.of(new QueuedDelivery(r.getString(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getLong(5), r.getString(6)))
                            : java.util.Optional.<QueuedDelivery>empty();
                }
            }
        });
    }

    /** Waiting deliveries, those older than {@code late}, and subscriptions failing {@code failures} times or more. */
    public Backlog backlog(Instant now, Duration late, int failures) {
        return inTransaction(c -> Backlog.read(c, now.minus(late), failures));
    }

    private void insertAll(Connection c, List<QueuedDelivery> deliveries, Instant now) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_deliveries (id, webhook_id, event_id,"
                + " event_type, sequence, payload, status, attempts, next_attempt_at, created_at, position)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, " + (postgres ? "nextval('webhook_delivery_position')"
                        : "NEXT VALUE FOR webhook_delivery_position") + ")")) {
            Timestamp at = Timestamp.from(now);
            for (QueuedDelivery d : deliveries) {
                s.setString(1, d.id());
                s.setString(2, d.webhookId());
                s.setString(3, d.eventId());
                s.setString(4, d.eventType());
                s.setLong(5, d.sequence());
                s.setString(6, d.payload());
                s.setTimestamp(7, at);
                s.setTimestamp(8, at);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private boolean advisoryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, DISPATCH_LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private <T> T inTransaction(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "webhook queue", work);
    }
}
