package dev.pergola.backup.internal.service;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;

/**
 * The audit records of backups (each posts its event after commit): created, verified, restored, deleted, failed.
 * A backup is a file, not a row, so each record is written in a transaction of its own.
 */
final class BackupAudit {
    private final AuditTrail audit;

    BackupAudit(AuditTrail audit) {
        this.audit = audit;
    }

    void created(String filename, long size, boolean encrypted, String kind) {
        audit.record(entry(EventTypes.BACKUP_CREATED, filename).withDetail("size", size)
                .withDetail("encrypted", encrypted).withDetail("kind", kind));
    }

    void verified(String filename, boolean valid) {
        audit.record(entry(EventTypes.BACKUP_VERIFIED, filename).withDetail("valid", valid)
                .withOutcome(valid ? Outcome.SUCCESS : Outcome.FAILED));
    }

    void restored(String filename, String safetyBackup, long rows) {
        audit.record(entry(EventTypes.BACKUP_RESTORED, filename).withDetail("safety_backup", safetyBackup)
                .withDetail("rows", rows));
    }

    void deleted(String filename) {
        audit.record(entry(EventTypes.BACKUP_DELETED, filename));
    }

    void failed(String filename, String operation, String error) {
        audit.record(entry(EventTypes.BACKUP_FAILED, filename).withOutcome(Outcome.FAILED)
                .withDetail("operation", operation).withDetail("error", error));
    }

    private static AuditEntry entry(String type, String filename) {
        return AuditEntry.of(type).withTarget("backup", filename, filename).withDetail("filename", filename);
    }
}
