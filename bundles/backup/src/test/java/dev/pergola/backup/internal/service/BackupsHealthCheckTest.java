package dev.pergola.backup.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.Test;

import dev.pergola.api.health.HealthResult;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.BackupSchedule;

public class BackupsHealthCheckTest {
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final BackupSchedule daily = new BackupSchedule(true, "15 3 * * *", 7, 4, true, true,
            Instant.parse("2026-12-01T03:15:00Z"));
    private final BackupSchedule off = new BackupSchedule(false, "15 3 * * *", 7, 4, true, true, null);

    private static BackupDto backup(String name, String status, Instant at, String kind) {
        return new BackupDto(name, status, 100, null, 10L, at, false, kind, null, null);
    }

    @Test
    public void withoutAScheduleItIsUp() {
        HealthResult r = BackupsHealthCheck.assess(List.of(), off, now, 0);
        assertEquals(HealthResult.Status.UP, r.status());
        assertTrue(r.message(), r.message().startsWith("no schedule"));
    }

    @Test
    public void aRecentBackupIsUp() {
        HealthResult r = BackupsHealthCheck.assess(List.of(backup("a", BackupDto.READY,
                Instant.parse("2026-11-30T03:15:00Z"), "scheduled")), daily, now, 0);
        assertEquals(HealthResult.Status.UP, r.status());
        assertEquals(36L, r.details().get("max_age_hours"));
    }

    @Test
    public void aMissedDailyRunWarns() {
        HealthResult r = BackupsHealthCheck.assess(List.of(backup("a", BackupDto.READY,
                Instant.parse("2026-11-28T03:15:00Z"), "scheduled")), daily, now, 0);
        assertEquals(HealthResult.Status.WARN, r.status());
        assertTrue(r.message(), r.message().startsWith("the last backup is 56 h old, more than 36 h"));
    }

    @Test
    public void failedRunningAndImportedBackupsDoNotCount() {
        Instant recent = Instant.parse("2026-11-30T11:00:00Z");
        HealthResult r = BackupsHealthCheck.assess(List.of(backup("f", BackupDto.FAILED, recent, "scheduled"),
                backup("r", BackupDto.RUNNING, recent, "manual"), backup("i", BackupDto.READY, recent, "imported")),
                daily, now, 0);
        assertEquals(HealthResult.Status.WARN, r.status());
        assertTrue(r.message(), r.message().startsWith("no backup has been made yet"));
    }

    @Test
    public void theConfiguredLimitWins() {
        HealthResult r = BackupsHealthCheck.assess(List.of(backup("a", BackupDto.READY,
                now.minus(Duration.ofHours(3)), "manual")), daily, now, 2);
        assertEquals(HealthResult.Status.WARN, r.status());
    }

    @Test
    public void theAutomaticLimitFollowsTheSchedule() {
        assertEquals(Duration.ofHours(36), BackupsHealthCheck.automaticLimit("15 3 * * *", now));
        assertEquals(Duration.ofMinutes(90), BackupsHealthCheck.automaticLimit("0 * * * *", now));
    }
}
