package dev.pergola.audit.internal.query;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import dev.pergola.audit.internal.AuditRow;

/**
 * {@code audit_log} for reading through the list language; never persisted or merged (rows are written with JDBC).
 * {@code occurred_at} is a UTC wall-clock time (the trail writes it with a UTC calendar), hence {@link LocalDateTime}:
 * the list executor compares it with {@code LocalDateTime.ofInstant(…, UTC)}.
 */
@Entity
@Table(name = "audit_log")
public class AuditRecordEntity {
    @Id
    public String id;
    public Long seq;
    @Column(name = "occurred_at")
    public LocalDateTime occurredAt;
    public String action;
    public String outcome;
    @Column(name = "actor_type")
    public String actorType;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_name")
    public String actorName;
    @Column(name = "actor_user_id")
    public String actorUserId;
    public String channel;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "target_name")
    public String targetName;
    @Column(name = "client_address")
    public String clientAddress;
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "before_json")
    public String beforeJson;
    @Column(name = "after_json")
    public String afterJson;
    @Column(name = "details_json")
    public String detailsJson;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;

    public AuditRow toRow() {
        return new AuditRow(id, seq, occurredAt == null ? null : occurredAt.toInstant(ZoneOffset.UTC), action, outcome,
                actorType, actorId, actorName, actorUserId, channel, targetType, targetId, targetName, clientAddress,
                userAgent, requestId, beforeJson, afterJson, detailsJson, prevHash, hash);
    }
}
