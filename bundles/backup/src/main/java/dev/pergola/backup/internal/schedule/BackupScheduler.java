package dev.pergola.backup.internal.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.persistence.Database;
import dev.pergola.backup.internal.NewBackup;
import dev.pergola.backup.internal.service.BackupConfig;
import dev.pergola.backup.internal.service.Backups;
import dev.pergola.backup.internal.store.BackupNames;
import dev.pergola.backup.internal.store.BackupNames.Kind;

/**
 * Makes the scheduled backups (cron of {@link BackupConfig}, checked every {@value #TICK_SECONDS} s) and applies
 * the retention to them afterwards. Across nodes sharing a PostgreSQL database only the leader (holder of an
 * advisory lock) runs the schedule.
 */
@Component(immediate = true)
public class BackupScheduler {
    static final int TICK_SECONDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final Backups backups;
    private final ScheduleLeader leader;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "pergola-backup-schedule"));
    private volatile Instant checkedUpTo;

    @Activate
    public BackupScheduler(@Reference Backups backups,
            @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        this.backups = backups;
        this.leader = new ScheduleLeader(dataSource);
        this.checkedUpTo = clock.instant();
        timer.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        leader.release();
    }

    void tick() {
        try {
            BackupConfig config = backups.config();
            Instant now = clock.instant();
            Instant since = checkedUpTo;
            checkedUpTo = now;
            if (!config.schedule_enabled()) {
                return;
            }
            Instant due = CronSchedule.parse(config.schedule_cron()).next(since).orElse(null);
            if (due == null || due.isAfter(now) || !leader.lead()) {
                return;
            }
            LOG.info("Scheduled backup due at {}", due);
            backups.createAndWait(new NewBackup(config.schedule_include_uploads(), config.schedule_compression(), null),
                    Kind.SCHEDULED);
            prune(config);
        } catch (RuntimeException e) {
            LOG.error("The scheduled backup failed", e);
        }
    }

    /** Deletes the scheduled backups that the retention does not keep. */
    void prune(BackupConfig config) {
        Map<String, Instant> scheduled = new LinkedHashMap<>();
        for (String name : backups.names()) {
            if (BackupNames.kind(name) == Kind.SCHEDULED) {
                BackupNames.stamp(name).ifPresent(at -> scheduled.put(name, at));
            }
        }
        for (String name : Retention.expired(scheduled, config.keep_daily(), config.keep_weekly())) {
            try {
                backups.delete(name);
                LOG.info("Retention deleted {}", name);
            } catch (RuntimeException e) {
                LOG.warn("Retention could not delete {}", name, e);
            }
        }
    }
}
