package dev.pergola.audit.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * One row of {@code audit_log} as stored: what the chain hashes, what the event log and the REST API read. Timestamps
 * are written and read with a UTC calendar, so the same instant comes back whatever the JVM's time zone.
 */
public record AuditRow(String id, Long seq, Instant occurredAt, String action, String outcome, String actorType,
        String actorId, String actorName, String actorUserId, String channel, String targetType, String targetId,
        String targetName, String clientAddress, String userAgent, String requestId, String beforeJson,
        String afterJson, String detailsJson, String prevHash, String hash) {

    /** Every column, in the order {@link #read} expects. */
    public static final String COLUMNS = "id, seq, occurred_at, action, outcome, actor_type, actor_id, actor_name,"
            + " actor_user_id, channel, target_type, target_id, target_name, client_address, user_agent, request_id,"
            + " before_json, after_json, details_json, prev_hash, hash";

    static final String INSERT = "INSERT INTO audit_log (id, occurred_at, action, outcome, actor_type, actor_id,"
            + " actor_name, actor_user_id, channel, target_type, target_id, target_name, client_address, user_agent,"
            + " request_id, before_json, after_json, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)";

    /** A fresh UTC calendar: {@code Calendar} is mutable, so never shared between threads. */
    public static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    public boolean sealed() {
        return seq != null;
    }

    public AuditRow seal(long position, String previous, String digest) {
        return new AuditRow(id, position, occurredAt, action, outcome, actorType, actorId, actorName, actorUserId,
                channel, targetType, targetId, targetName, clientAddress, userAgent, requestId, beforeJson, afterJson,
                detailsJson, previous, digest);
    }

    /** The row at the cursor of a {@code SELECT} of {@link #COLUMNS}. */
    public static AuditRow read(ResultSet rs) throws SQLException {
        return read(rs, utc());
    }

    /** As {@link #read(ResultSet)}, with a UTC calendar the caller reuses (one per thread). */
    public static AuditRow read(ResultSet rs, Calendar utc) throws SQLException {
        long seq = rs.getLong(2);
        Long position = rs.wasNull() ? null : seq;
        Timestamp at = rs.getTimestamp(3, utc);
        return new AuditRow(rs.getString(1), position, at == null ? null : at.toInstant(), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20),
                rs.getString(21));
    }

    /** Binds this (unsealed) row to {@link #INSERT}. */
    void bindInsert(PreparedStatement insert) throws SQLException {
        insert.setString(1, id);
        insert.setTimestamp(2, Timestamp.from(occurredAt), utc());
        String[] rest = {action, outcome, actorType, actorId, actorName, actorUserId, channel, targetType, targetId,
                targetName, clientAddress, userAgent, requestId, beforeJson, afterJson, detailsJson};
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == null) {
                insert.setNull(i + 3, Types.VARCHAR);
            } else {
                insert.setString(i + 3, rest[i]);
            }
        }
    }
}
