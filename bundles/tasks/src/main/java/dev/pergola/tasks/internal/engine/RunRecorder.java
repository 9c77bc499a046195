package dev.pergola.tasks.internal.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.metrics.Meters;
import dev.pergola.tasks.internal.store.RunHistory;
import dev.pergola.tasks.internal.store.RunRow;
import dev.pergola.tasks.internal.store.TaskStore;

/**
 * Writes a run's start and end (run row, task counters, history bound) and announces the end: {@code task.failed}
 * always and {@code task.completed} unless the job opted out are audited in the same transaction (so webhooks get
 * them); an opted-out completion is posted to live streams only. Meters are counted when the metrics bundle is there.
 */
final class RunRecorder {
    private final TaskStore tasks;
    private final RunHistory runs;
    private final AuditTrail audit;
    private final Supplier<EventAdmin> events;
    private final Supplier<Meters> meters;
    private final int historySize;

    RunRecorder(TaskStore tasks, RunHistory runs, AuditTrail audit, Supplier<EventAdmin> events,
            Supplier<Meters> meters, int historySize) {
        this.tasks = tasks;
        this.runs = runs;
        this.audit = audit;
        this.events = events;
        this.meters = meters;
        this.historySize = historySize;
    }

    /** Records the start (inserting the row of a scheduled run, updating a queued manual one). */
    void started(RunRow run, boolean queuedBefore) {
        tasks.tx(c -> {
            if (queuedBefore) {
                runs.update(c, run);
            } else {
                runs.insert(c, run);
            }
            tasks.started(c, run.taskId(), run.startedAt());
            return null;
        });
    }

    /** A manual run that could not start (another node runs the task); nothing is counted. */
    void skipped(RunRow run) {
        tasks.tx(c -> {
            runs.update(c, run);
            return null;
        });
    }

    void ended(RunRow run, JobEntry job, String taskName, Instant next) {
        boolean failed = RunRow.FAILURE.equals(run.status());
        boolean audited = failed || job.auditCompletions();
        AuditEntry entry = entry(run, job, taskName, failed);
        tasks.tx(c -> {
            runs.update(c, run);
            tasks.finished(c, run, next);
            runs.prune(c, run.taskId(), historySize);
            if (audited) {
                audit.record(c, entry);
            }
            return null;
        });
        if (!audited) {
            postLive(run, entry);
        }
        count(run);
    }

    private static AuditEntry entry(RunRow run, JobEntry job, String taskName, boolean failed) {
        AuditEntry e = AuditEntry.of(failed ? EventTypes.TASK_FAILED : EventTypes.TASK_COMPLETED)
                .withTarget("task", run.taskId(), taskName)
                .withDetail("job_id", job.id()).withDetail("run_id", run.id()).withDetail("trigger", run.trigger())
                .withDetail("node", run.node()).withDetail("duration_ms", run.durationMs())
                .withDetail("result", run.result()).withDetail("error", run.error());
        return failed ? e.withOutcome(Outcome.FAILED) : e;
    }

    private void postLive(RunRow run, AuditEntry entry) {
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", Map.of("type", "task", "id", run.taskId(), "name", entry.targetName()));
        data.put("outcome", "success");
        data.putAll(entry.details());
        PergolaEvent event = new PergolaEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), 0,
                entry.action(), run.endedAt(), data);
        admin.postEvent(new Event(event.topic(), event.toProperties()));
    }

    private void count(RunRow run) {
        Meters m = meters.get();
        if (m == null) {
            return;
        }
        try {
            m.counter("pergola.tasks.runs", "Task runs by outcome", "task", run.taskId(), "outcome", run.status())
                    .increment();
            m.timer("pergola.tasks.duration", "How long task runs take", "task", run.taskId())
                    .record(run.durationMs() == null ? 0 : run.durationMs(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // the metrics bundle going away mid-call must not fail a run that already ended
        }
    }
}
