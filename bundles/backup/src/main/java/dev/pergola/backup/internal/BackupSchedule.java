package dev.pergola.backup.internal;

import java.time.Instant;

/** The backup schedule ({@code GET|PUT /api/v1/backups/schedule}); null fields in a PUT keep their value. */
public record BackupSchedule(Boolean enabled, String cron, Integer keepDaily, Integer keepWeekly,
        Boolean includeUploads, Boolean compression, Instant nextRun) {
}
