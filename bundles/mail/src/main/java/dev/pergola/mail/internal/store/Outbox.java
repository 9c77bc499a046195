package dev.pergola.mail.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The delivery side of {@code pergola_mail_outbox}, in plain JDBC for {@code FOR UPDATE SKIP LOCKED}. A claim leases
 * a batch of due {@code pending} rows (token + {@code claimed_until}); right before its SMTP transaction each message
 * is moved to {@code sending} and that is COMMITTED ({@link #startSending}); every outcome is written only while the
 * token still holds the row. A crash thus leaves at most the one message that was on the wire in {@code sending}
 * (→ {@code unknown}, never resent by itself); the rest of the batch is still pending and is claimed again once the
 * lease ends. On H2 (one node by construction) a lock in this JVM stands for SKIP LOCKED.
 */
@Component(service = Outbox.class)
public class Outbox {
    static final String COLUMNS = "id, recipient, subject, category, status, attempts, last_error, created_at,"
            + " next_attempt_at, sent_at";

    private final DataSource dataSource;
    private final boolean postgres;
    private final ReentrantLock claimLock = new ReentrantLock();
    private volatile boolean checkpoints = true;

    @Activate
    public Outbox(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource, @Reference Database database,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.mail)") MigratedSchema schema) {
        this(dataSource, "postgresql".equals(database.type()));
    }

    public Outbox(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Leases up to {@code limit} due pending messages until {@code now + lease}, oldest due first. */
    public List<Claim> claim(int limit, Instant now, Duration lease) {
        if (!postgres) {
            claimLock.lock();
        }
        try {
            return run(c -> claimIn(c, limit, now, lease));
        } finally {
            if (!postgres) {
                claimLock.unlock();
            }
        }
    }

    private List<Claim> claimIn(Connection c, int limit, Instant now, Duration lease) throws SQLException {
        String token = UUID.randomUUID().toString();
        List<Claim> claims = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, recipient, subject, text_body, html_body, category,"
                + " attempts FROM pergola_mail_outbox WHERE status = 'pending' AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until < ?)"
                + " ORDER BY next_attempt_at, created_at LIMIT ?" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    claims.add(new Claim(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getInt(7), token));
                }
            }
        }
        if (!claims.isEmpty()) {
            try (PreparedStatement u = c.prepareStatement("UPDATE pergola_mail_outbox SET"
                    + " claim_token = ?, claimed_until = ?, updated_at = ? WHERE id = ? AND status = 'pending'")) {
                for (Claim claim : claims) {
                    u.setString(1, token);
                    u.setTimestamp(2, Timestamp.from(now.plus(lease)));
                    u.setTimestamp(3, Timestamp.from(now));
                    u.setString(4, claim.id());
                    u.addBatch();
                }
                u.executeBatch();
            }
        }
        return claims;
    }

    /**
     * Marks a claimed message {@code sending} and commits, right before its SMTP transaction: from here on a crash
     * leaves it {@code unknown}, never resent by itself.
     *
     * @return false when the claim was lost meanwhile (deleted, lease taken over): do not send it
     */
    public boolean startSending(Claim claim, Instant now) {
        boolean started = run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pergola_mail_outbox SET status = 'sending',"
                    + " updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'pending'")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, claim.id());
                s.setString(3, claim.token());
                return s.executeUpdate() == 1;
            }
        });
        if (started && !postgres) {
            flushH2();
        }
        return started;
    }

    /**
     * H2 writes committed transactions to its file in the background (WRITE_DELAY, about a second): a process killed
     * within that second loses them. The {@code sending} mark must be on disk before SMTP starts, or a kill -9 would
     * bring the row back as pending and the message would go out twice; CHECKPOINT writes it now (and with it the
     * outcome of the previous message). Without the right to checkpoint, the window is H2's write delay.
     */
    private void flushH2() {
        if (!checkpoints) {
            return;
        }
        try {
            run(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
                return null;
            });
        } catch (RuntimeException e) {
            checkpoints = false;
            org.slf4j.LoggerFactory.getLogger(Outbox.class).warn("H2 refuses CHECKPOINT ({}): after a kill -9 the"
                    + " last second of email outcomes may be lost and those messages sent again", e.getMessage());
        }
    }

    /** Single node at start: the claims of the previous run are void (those messages were never on the wire). */
    public int releaseAllClaims() {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pergola_mail_outbox SET claim_token = NULL,"
                    + " claimed_until = NULL WHERE status = 'pending' AND claim_token IS NOT NULL")) {
                return s.executeUpdate();
            }
        });
    }

    /** Accepted by the server: {@code sent}, bodies erased, and {@code alsoInTransaction} (the audit record). */
    public boolean sent(Claim claim, Instant now, Consumer<Connection> alsoInTransaction) {
        return finish(claim, "status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL,"
                + " text_body = '', html_body = NULL", now, null, alsoInTransaction);
    }

    /** A failed attempt that certainly did not deliver: back to {@code pending} until {@code next}. */
    public boolean retryAt(Claim claim, String error, Instant next) {
        return finish(claim, "status = 'pending', attempts = attempts + 1, next_attempt_at = ?, last_error = ?",
                next, error, null);
    }

    /** {@code failed} or {@code unknown} for good, with {@code alsoInTransaction} (the audit record). */
    public boolean giveUp(Claim claim, String status, String error, Consumer<Connection> alsoInTransaction) {
        return finish(claim, "status = '" + (Status.UNKNOWN.equals(status) ? Status.UNKNOWN : Status.FAILED)
                + "', attempts = attempts + 1, updated_at = ?, last_error = ?", Instant.now(), error, alsoInTransaction);
    }

    /** Claimed but never tried (the sender paused or stopped first): unclaimed again, no attempt counted. */
    public boolean release(Claim claim) {
        return finish(claim, "status = 'pending', updated_at = ?", Instant.now(), null, null);
    }

    private boolean finish(Claim claim, String set, Instant at, String error, Consumer<Connection> also) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pergola_mail_outbox SET " + set
                    + ", claim_token = NULL, claimed_until = NULL WHERE id = ? AND claim_token = ?")) {
                int i = 1;
                s.setTimestamp(i++, Timestamp.from(at));
                if (set.contains("last_error = ?")) {
                    s.setString(i++, clip(error));
                }
                s.setString(i++, claim.id());
                s.setString(i, claim.token());
                int updated = s.executeUpdate();
                if (updated == 1 && also != null) {
                    also.accept(c);
                }
                return updated == 1;
            }
        });
    }

    /**
     * Rows left {@code sending} by a sender that is gone (lease ran out before {@code expiredBefore}) become
     * {@code unknown}; {@code eachInTransaction} audits each one. Never resent: the server may have them already.
     *
     * @return the ids marked
     */
    public List<String> markAbandoned(Instant expiredBefore, Consumer<AbandonedRow> eachInTransaction) {
        return run(c -> {
            List<AbandonedRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, category, attempts FROM pergola_mail_outbox"
                    + " WHERE status = 'sending' AND claimed_until < ?" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
                s.setTimestamp(1, Timestamp.from(expiredBefore));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new AbandonedRow(c, r.getString(1), r.getString(2), r.getInt(3) + 1));
                    }
                }
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement u = c.prepareStatement("UPDATE pergola_mail_outbox SET status = 'unknown',"
                    + " attempts = attempts + 1, last_error = ?, claim_token = NULL, claimed_until = NULL,"
                    + " updated_at = ? WHERE id = ? AND status = 'sending'")) {
                for (AbandonedRow row : rows) {
                    u.setString(1, ABANDONED);
                    u.setTimestamp(2, Timestamp.from(Instant.now()));
                    u.setString(3, row.id());
                    if (u.executeUpdate() == 1) {
                        eachInTransaction.accept(row);
                        ids.add(row.id());
                    }
                }
            }
            return ids;
        });
    }

    public static final String ABANDONED = "outcome unknown: the sender stopped while this message was being sent;"
            + " it may have been delivered, so it is not resent automatically (retry sends it again)";

    /** A row {@link #markAbandoned} marks, with the transaction to audit it in. */
    public record AbandonedRow(Connection transaction, String id, String category, int attempts) {
    }

    static String clip(String error) {
        return error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    <T> T run(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "mail outbox", work);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
