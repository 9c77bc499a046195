package dev.pergola.backup.internal.schedule;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.NewBackup;
import dev.pergola.backup.internal.service.BackupConfig;
import dev.pergola.backup.internal.service.Backups;
import dev.pergola.backup.internal.store.BackupNames;
import dev.pergola.backup.internal.store.BackupNames.Kind;

/**
 * The scheduled backups as the task {@value #JOB_ID}: the tasks engine runs it on the cron of {@link BackupConfig}
 * (only while {@code schedule.enabled}; otherwise it is there on demand), one node at a time across a shared
 * PostgreSQL database, and records each run. A run makes a backup and then applies the retention. The job is
 * registered by hand so that a schedule changed through {@code PUT /api/v1/backups/schedule} (a configuration update)
 * reaches the engine as new service properties, without a restart.
 */
@Component(service = {}, immediate = true, configurationPid = BackupConfig.PID)
public class BackupScheduler implements Job {
    static final String JOB_ID = "backup.scheduled";
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final Backups backups;
    private final ServiceRegistration<Job> registration;

    @Activate
    public BackupScheduler(@Reference Backups backups, BackupConfig config, BundleContext context) {
        this.backups = backups;
        this.registration = context.registerService(Job.class, this, properties(config));
    }

    @Modified
    void configure(BackupConfig config) {
        registration.setProperties(properties(config));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    /** The job's description: the configured cron while the schedule is enabled, else none (on demand only). */
    static Dictionary<String, Object> properties(BackupConfig config) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(JobService.PREFIX_ + "id", JOB_ID);
        p.put(JobService.PREFIX_ + "name", "Scheduled backup");
        p.put(JobService.PREFIX_ + "description", "Makes a backup, then deletes the scheduled backups the retention"
                + " (keep.daily, keep.weekly) does not keep; its cron is set with PUT /api/v1/backups/schedule");
        p.put(JobService.PREFIX_ + "cron", config.schedule_enabled() ? cron(config.schedule_cron()) : "");
        return p;
    }

    private static String cron(String expression) {
        try {
            return CronSchedule.parse(expression).expression();
        } catch (PergolaException e) {
            LOG.error("The backup schedule '{}' is not a cron expression; scheduled backups are off: {}", expression,
                    e.getMessage());
            return "";
        }
    }

    @Override
    public void run(JobContext context) {
        BackupConfig config = backups.config();
        LOG.info("Scheduled backup ({})", context.trigger());
        BackupDto made = backups.createAndWait(new NewBackup(config.schedule_include_uploads(),
                config.schedule_compression(), null), Kind.SCHEDULED);
        if (BackupDto.FAILED.equals(made.status())) {
            throw new IllegalStateException("backup " + made.filename() + " failed: " + made.error());
        }
        List<String> deleted = prune(config);
        context.result("made " + made.filename() + "; retention deleted " + deleted.size() + " older scheduled backup(s)");
    }

    /** Deletes the scheduled backups that the retention does not keep; @return their names. */
    List<String> prune(BackupConfig config) {
        Map<String, Instant> scheduled = new LinkedHashMap<>();
        for (String name : backups.names()) {
            if (BackupNames.kind(name) == Kind.SCHEDULED) {
                BackupNames.stamp(name).ifPresent(at -> scheduled.put(name, at));
            }
        }
        List<String> expired = Retention.expired(scheduled, config.keep_daily(), config.keep_weekly());
        for (String name : expired) {
            try {
                backups.delete(name);
                LOG.info("Retention deleted {}", name);
            } catch (RuntimeException e) {
                LOG.warn("Retention could not delete {}", name, e);
            }
        }
        return expired;
    }
}
