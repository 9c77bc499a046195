package dev.pergola.audit.internal.retention;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobContext;
import dev.pergola.api.tasks.JobService;

/**
 * The daily retention job {@code audit.retention} ({@link Archiver}), scheduled by the tasks engine: a day after its
 * previous run (the tasks API may change that or run it now). On PostgreSQL the chain lock makes it a singleton across
 * nodes (the others find the lock taken and skip). Each run that archived something is itself recorded
 * ({@code audit.archived}), as is a run that failed.
 */
@Component(service = {AuditRetention.class, Job.class}, configurationPid = AuditConfig.PID)
@Designate(ocd = AuditConfig.class)
@JobService(id = "audit.retention", name = "Audit retention",
        description = "Archives and deletes audit records older than retention.days", interval_seconds = 86_400)
public class AuditRetention implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final Archiver archiver;
    private final AuditTrail audit;
    private volatile AuditConfig config;

    @Activate
    public AuditRetention(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.audit)") MigratedSchema schema,
            @Reference AuditTrail audit, AuditConfig config) {
        this.archiver = new Archiver(dataSource);
        this.audit = audit;
        this.config = config;
    }

    /** A changed retention or folder applies at the next run. */
    @Modified
    void configure(AuditConfig changed) {
        this.config = changed;
    }

    /** One run now; what it archived (nothing when retention is 0 or nothing is old enough). */
    public Archiver.Outcome runOnce() throws Exception {
        AuditConfig current = config;
        if (current.retention_days() <= 0) {
            return new Archiver.Outcome(0, 0, null);
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(current.retention_days()));
        Path folder = Paths.get(current.archive_folder());
        if (!folder.isAbsolute()) {
            folder = Paths.get(System.getProperty("karaf.base", ".")).resolve(folder);
        }
        AuditEntry entry = AuditEntry.of(EventTypes.AUDIT_ARCHIVED).withOrigin(AuditOrigin.SYSTEM)
                .withDetail("retention_days", current.retention_days());
        try {
            Archiver.Outcome outcome = archiver.archive(cutoff, folder);
            if (outcome.file() != null) {
                audit.record(entry.withDetail("archived", outcome.archived()).withDetail("through_seq",
                        outcome.throughSeq()).withDetail("file", outcome.file().toString()));
                LOG.info("Archived {} audit records (through {}) to {}", outcome.archived(), outcome.throughSeq(),
                        outcome.file());
            }
            return outcome;
        } catch (Exception e) {
            audit.record(entry.withOutcome(Outcome.FAILED).withDetail("error", e.getMessage()));
            throw e;
        }
    }

    @Override
    public void run(JobContext context) throws Exception {
        Archiver.Outcome outcome = runOnce();
        context.result(outcome.file() == null ? "nothing to archive"
                : "archived " + outcome.archived() + " record(s) to " + outcome.file().getFileName());
    }
}
