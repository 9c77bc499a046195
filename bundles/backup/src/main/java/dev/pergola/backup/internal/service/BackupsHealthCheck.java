package dev.pergola.backup.internal.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.BackupSchedule;
import dev.pergola.backup.internal.schedule.CronSchedule;
import dev.pergola.backup.internal.store.BackupNames;

/**
 * {@code backups}: with scheduled backups enabled, WARN when the newest complete backup made on this installation
 * (manual, scheduled or safety; imported ones come from elsewhere) is older than the limit, or when there is none.
 * UP "no schedule" otherwise. Never DOWN and not part of readiness: an old backup does not stop serving.
 */
@Component(configurationPid = BackupsHealthConfig.PID)
@Designate(ocd = BackupsHealthConfig.class)
@HealthCheckService(name = "backups", tags = "data")
public class BackupsHealthCheck implements HealthCheck {
    private final Backups backups;
    private volatile BackupsHealthConfig config;

    @Activate
    public BackupsHealthCheck(@Reference Backups backups, BackupsHealthConfig config) {
        this.backups = backups;
        this.config = config;
    }

    @Modified
    void modified(BackupsHealthConfig changed) {
        this.config = changed;
    }

    @Override
    public HealthResult check() {
        return assess(backups.list(), backups.schedule(), Instant.now(), config.max_age_hours());
    }

    static HealthResult assess(List<BackupDto> all, BackupSchedule schedule, Instant now, long maxAgeHours) {
        Optional<BackupDto> newest = all.stream()
                .filter(b -> BackupDto.READY.equals(b.status()) && b.createdAt() != null
                        && !BackupNames.Kind.IMPORTED.label().equals(b.kind()))
                .max((a, b) -> a.createdAt().compareTo(b.createdAt()));
        Map<String, Object> details = new LinkedHashMap<>();
        newest.ifPresent(b -> {
            details.put("last_backup", b.filename());
            details.put("last_backup_at", b.createdAt().toString());
        });
        if (!Boolean.TRUE.equals(schedule.enabled())) {
            return HealthResult.up("no schedule" + newest.map(b -> "; last backup " + b.createdAt()).orElse(""),
                    details);
        }
        Duration limit = maxAgeHours > 0 ? Duration.ofHours(maxAgeHours) : automaticLimit(schedule.cron(), now);
        details.put("max_age_hours", limit.toHours());
        details.put("next_run", schedule.nextRun() == null ? null : schedule.nextRun().toString());
        if (newest.isEmpty()) {
            return HealthResult.warn("no backup has been made yet (scheduled: " + schedule.cron() + ")", details);
        }
        Duration age = Duration.between(newest.get().createdAt(), now);
        details.put("age_hours", age.toHours());
        if (age.compareTo(limit) > 0) {
            return HealthResult.warn("the last backup is " + age.toHours() + " h old, more than " + limit.toHours()
                    + " h (scheduled: " + schedule.cron() + ")", details);
        }
        return HealthResult.up("last backup " + age.toMinutes() + " min ago", details);
    }

    /** One and a half times the time between two runs of the schedule. */
    static Duration automaticLimit(String cron, Instant now) {
        CronSchedule schedule = CronSchedule.parse(cron);
        Optional<Instant> first = schedule.next(now);
        Optional<Instant> second = first.flatMap(schedule::next);
        if (second.isEmpty()) {
            return Duration.ofHours(36);
        }
        return Duration.between(first.get(), second.get()).multipliedBy(3).dividedBy(2);
    }
}
