package dev.pergola.audit.internal.query;

import java.util.Map;

import dev.pergola.audit.internal.AuditJson;
import dev.pergola.audit.internal.AuditRow;

/** Rows as API records: a summary for lists, everything (with the diff) for one record and for exports. */
public final class AuditViews {
    private final AuditJson json;

    public AuditViews(AuditJson json) {
        this.json = json;
    }

    public AuditRecordView summary(AuditRow r) {
        return new AuditRecordView(r.id(), r.seq(), r.occurredAt(), r.action(), r.outcome(), actor(r), r.channel(),
                target(r), r.clientAddress(), r.userAgent(), r.requestId(), null, null, null, null, null, null);
    }

    public AuditRecordView full(AuditRow r) {
        Object before = json.read(r.beforeJson());
        Object after = json.read(r.afterJson());
        Map<String, Object> details = r.detailsJson() == null ? null : json.readObject(r.detailsJson());
        return new AuditRecordView(r.id(), r.seq(), r.occurredAt(), r.action(), r.outcome(), actor(r), r.channel(),
                target(r), r.clientAddress(), r.userAgent(), r.requestId(), before, after, details,
                before == null && after == null ? null : Changes.between(before, after), r.prevHash(), r.hash());
    }

    private static AuditRecordView.Actor actor(AuditRow r) {
        return new AuditRecordView.Actor(r.actorType(), r.actorId(), r.actorName(), r.actorUserId());
    }

    private static AuditRecordView.Target target(AuditRow r) {
        return r.targetType() == null && r.targetId() == null ? null
                : new AuditRecordView.Target(r.targetType(), r.targetId(), r.targetName());
    }
}
