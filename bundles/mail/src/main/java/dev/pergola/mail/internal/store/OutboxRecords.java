package dev.pergola.mail.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.query.SqlListQuery;

/** What admins do with the queue: list, read, retry, delete, clear, count. Changes run with their audit record. */
public final class OutboxRecords {
    /** {@code GET /api/v1/email-queue}: attributes are column names. */
    public static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).filterable()
            .field("recipient", "recipient", FieldType.STRING).sortable().filterable().searchable()
            .field("subject", "subject", FieldType.STRING).sortable().filterable().searchable()
            .field("category", "category", FieldType.STRING).sortable().filterable()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("attempts", "attempts", FieldType.INTEGER).sortable().filterable()
            .field("created_at", "created_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("next_attempt_at", "next_attempt_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("sent_at", "sent_at", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    /** A message and its stored (sealed) bodies. */
    public record Stored(EmailDto email, String sealedText, String sealedHtml) {
    }

    private final Outbox outbox;

    public OutboxRecords(Outbox outbox) {
        this.outbox = outbox;
    }

    public PageResult<EmailDto> list(ListQuery query) {
        SqlListQuery sql = new SqlListQuery(query);
        return outbox.run(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pergola_mail_outbox" + sql.where())) {
                sql.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<EmailDto> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + Outbox.COLUMNS + " FROM pergola_mail_outbox"
                    + sql.where() + sql.orderBy("id ASC", "id ASC") + " LIMIT ? OFFSET ?")) {
                int i = sql.bind(s);
                s.setInt(i++, query.perPage());
                s.setInt(i, query.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(dto(r));
                    }
                }
            }
            return new PageResult<>(items, query.page(), query.perPage(), total);
        });
    }

    public Optional<Stored> find(String id) {
        return outbox.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Outbox.COLUMNS
                    + ", text_body, html_body FROM pergola_mail_outbox WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Stored(dto(r), r.getString(11), r.getString(12)))
                            : Optional.<Stored>empty();
                }
            }
        });
    }

    /** {@code failed} or {@code unknown} → pending, due now, a fresh set of attempts. @return false if not in those states */
    public boolean retry(String id, Instant now, Consumer<Connection> audit) {
        return change("UPDATE pergola_mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?,"
                + " updated_at = ? WHERE id = ? AND status IN ('failed', 'unknown')", now, id, audit) == 1;
    }

    /** Any message not being sent right now. @return false when absent or {@code sending} */
    public boolean delete(String id, Consumer<Connection> audit) {
        return change("DELETE FROM pergola_mail_outbox WHERE id = ? AND status <> 'sending'", null, id, audit) == 1;
    }

    /** Every message in {@code status} (never {@code sending}). @return how many */
    public int clear(String status, Consumer<Connection> audit) {
        return change("DELETE FROM pergola_mail_outbox WHERE status = ? AND status <> 'sending'", null, status, audit);
    }

    private int change(String sql, Instant at, String key, Consumer<Connection> audit) {
        return outbox.run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (at != null) {
                    s.setTimestamp(i++, Timestamp.from(at));
                    s.setTimestamp(i++, Timestamp.from(at));
                }
                s.setString(i, key);
                int n = s.executeUpdate();
                if (n > 0) {
                    audit.accept(c);
                }
                return n;
            }
        });
    }

    /** Messages per status, and how many pending ones are due since before {@code lateBefore}. */
    public Map<String, Object> counts(Instant lateBefore) {
        return outbox.run(c -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            Status.ALL.forEach(s -> counts.put(s, 0L));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status, COUNT(*) FROM pergola_mail_outbox GROUP BY status");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pergola_mail_outbox"
                    + " WHERE status = 'pending' AND created_at < ?")) {
                s.setTimestamp(1, Timestamp.from(lateBefore));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    counts.put("late", r.getLong(1));
                }
            }
            return counts;
        });
    }

    private static EmailDto dto(ResultSet r) throws SQLException {
        return new EmailDto(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getInt(6), r.getString(7), Outbox.instant(r.getTimestamp(8)).orElse(null),
                Outbox.instant(r.getTimestamp(9)).orElse(null), Outbox.instant(r.getTimestamp(10)).orElse(null),
                null, null);
    }
}
