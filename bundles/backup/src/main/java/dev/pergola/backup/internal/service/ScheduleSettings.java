package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.backup.internal.BackupSchedule;
import dev.pergola.backup.internal.schedule.CronSchedule;

/**
 * The schedule as REST and the shell see it, stored in the configuration {@value BackupConfig#PID} (Karaf writes it
 * back to {@code etc/dev.pergola.backup.cfg}); a change applies through {@code @Modified}, without a restart.
 */
final class ScheduleSettings {
    private ScheduleSettings() {
    }

    static BackupSchedule of(BackupConfig c, Instant now) {
        Instant next = c.schedule_enabled() ? CronSchedule.parse(c.schedule_cron()).next(now).orElse(null) : null;
        return new BackupSchedule(c.schedule_enabled(), c.schedule_cron(), c.keep_daily(), c.keep_weekly(),
                c.schedule_include_uploads(), c.schedule_compression(), next);
    }

    /** Validates and stores the fields given; the others keep their value. */
    static BackupSchedule change(ConfigurationAdmin cm, BackupConfig c, BackupSchedule change) {
        if (change == null) {
            return of(c, Instant.now());
        }
        String cron = change.cron() == null ? null : CronSchedule.parse(change.cron()).expression();
        if (change.keepDaily() != null && change.keepDaily() < 0 || change.keepWeekly() != null && change.keepWeekly() < 0) {
            throw PergolaException.invalid("keep_daily", "and keep_weekly must not be negative");
        }
        try {
            Configuration configuration = cm.getConfiguration(BackupConfig.PID, "?");
            Dictionary<String, Object> props = configuration.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            put(props, "schedule.enabled", change.enabled());
            put(props, "schedule.cron", cron);
            put(props, "keep.daily", change.keepDaily());
            put(props, "keep.weekly", change.keepWeekly());
            put(props, "schedule.include.uploads", change.includeUploads());
            put(props, "schedule.compression", change.compression());
            configuration.update(props);
        } catch (IOException e) {
            throw PergolaException.unavailable("Cannot store the schedule: " + e.getMessage(), null);
        }
        boolean enabled = change.enabled() != null ? change.enabled() : c.schedule_enabled();
        String effective = cron != null ? cron : c.schedule_cron();
        return new BackupSchedule(enabled, effective,
                change.keepDaily() != null ? change.keepDaily() : c.keep_daily(),
                change.keepWeekly() != null ? change.keepWeekly() : c.keep_weekly(),
                change.includeUploads() != null ? change.includeUploads() : c.schedule_include_uploads(),
                change.compression() != null ? change.compression() : c.schedule_compression(),
                enabled ? CronSchedule.parse(effective).next(Instant.now()).orElse(null) : null);
    }

    private static void put(Dictionary<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
