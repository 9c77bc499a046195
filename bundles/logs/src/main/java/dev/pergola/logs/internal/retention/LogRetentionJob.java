package dev.pergola.logs.internal.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;
import dev.pergola.logs.internal.capture.LogsConfig;
import dev.pergola.logs.internal.store.LogStore;

/**
 * {@code logs.retention}, hourly: deletes entries older than {@code max_age_days}, then the oldest beyond
 * {@code max_rows}. Housekeeping: its completions are not audited (the tasks engine posts them live only), and it is
 * not the admin's {@code logs.cleared} (that one is).
 */
@Component(service = Job.class, configurationPid = LogsConfig.PID)
@JobService(id = LogRetentionJob.ID, name = "Log retention", description = "Deletes stored log entries older than "
        + "the configured age, and the oldest beyond the configured count.", interval_seconds = 3600,
        audit_completions = false)
public class LogRetentionJob implements Job {
    public static final String ID = "logs.retention";

    private final LogStore store;
    private final Clock clock;
    private volatile LogsConfig config;

    @Activate
    public LogRetentionJob(@Reference LogStore store, LogsConfig config) {
        this(store, config, Clock.systemUTC());
    }

    LogRetentionJob(LogStore store, LogsConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Modified
    void modified(LogsConfig c) {
        this.config = c;
    }

    @Override
    public void run(JobContext context) {
        LogsConfig c = config;
        Instant before = clock.instant().minus(Math.max(1, c.max_age_days()), ChronoUnit.DAYS);
        int old = store.deleteOlderThan(before, (tx, n) -> { });
        int extra = store.trim(Math.max(1, c.max_rows()));
        context.result("deleted " + old + " entries older than " + c.max_age_days() + " days and " + extra
                + " beyond " + c.max_rows());
    }
}
