package dev.pergola.tasks.internal.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.tasks.internal.NewTask;
import dev.pergola.tasks.internal.RunDto;
import dev.pergola.tasks.internal.TaskChange;
import dev.pergola.tasks.internal.TaskDto;
import dev.pergola.tasks.internal.engine.JobEntry;
import dev.pergola.tasks.internal.engine.Parameters;
import dev.pergola.tasks.internal.engine.TaskEngine;
import dev.pergola.tasks.internal.schedule.Schedule;
import dev.pergola.tasks.internal.store.RunHistory;
import dev.pergola.tasks.internal.store.TaskRow;
import dev.pergola.tasks.internal.store.TaskStore;

/**
 * What administrators do with tasks (REST and shell share it). Every change is written with its audit record
 * ({@code task.created|updated|deleted|paused|resumed}) in one transaction, then the engine re-reads the table.
 */
@Component(service = Tasks.class)
public class Tasks {
    static final int NAME_MAX = 200;
    private final TaskStore store;
    private final RunHistory runs;
    private final TaskEngine engine;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Tasks(@Reference TaskStore store, @Reference RunHistory runs, @Reference TaskEngine engine,
            @Reference AuditTrail audit) {
        this.store = store;
        this.runs = runs;
        this.engine = engine;
        this.audit = audit;
    }

    public List<TaskDto> list() {
        engine.refreshIfChanged();
        List<TaskDto> all = new ArrayList<>();
        for (TaskRow row : store.all()) {
            all.add(view(row));
        }
        return all;
    }

    public TaskDto get(String id) {
        return view(row(id));
    }

    public List<RunDto> runs(String id, int limit) {
        row(id);
        return runs.ofTask(id, Math.max(1, Math.min(limit, 1000))).stream().map(TaskViews::of).toList();
    }

    public RunDto run(String id) {
        return TaskViews.of(engine.runNow(id, audit.origin()));
    }

    public TaskDto create(NewTask body) {
        if (body == null || body.jobId() == null || body.jobId().isBlank()) {
            throw PergolaException.invalid("job_id", "is required");
        }
        JobEntry job = engine.job(body.jobId()).orElseThrow(
                () -> PergolaException.invalid("job_id", "names no registered job: " + body.jobId()));
        if (!job.acceptsParameters()) {
            throw PergolaException.invalid("job_id", "job " + job.id() + " does not accept parameters:"
                    + " it has only its default task");
        }
        Instant now = clock.instant();
        boolean override = body.cron() != null || body.intervalSeconds() != null;
        Schedule schedule = override ? schedule(body.cron(), body.intervalSeconds()) : null;
        TaskRow row = new TaskRow(job.id() + "~" + UUID.randomUUID().toString().substring(0, 8), job.id(),
                name(body.name() == null ? job.name() : body.name()), true, override,
                schedule == null ? null : schedule.cron(), schedule == null ? 0 : schedule.intervalSeconds(),
                Boolean.TRUE.equals(body.paused()), Parameters.write(body.parameters()), null, null, null, null,
                null, 0, 0, now, now);
        store.tx(c -> {
            store.insert(c, row);
            audit.record(c, entry(EventTypes.TASK_CREATED, row).withAfter(view(row)));
            return null;
        });
        engine.changed();
        return view(row);
    }

    public TaskDto update(String id, TaskChange change) {
        if (change == null) {
            return get(id);
        }
        Instant now = clock.instant();
        return change(id, before -> {
            TaskRow row = before;
            if (change.name() != null || change.parameters() != null) {
                if (change.parameters() != null && !before.added()) {
                    throw PergolaException.invalid("parameters", "only tasks added through POST have parameters");
                }
                row = row.withNameAndParameters(change.name() != null ? name(change.name()) : row.name(),
                        change.parameters() != null ? Parameters.write(change.parameters()) : row.parameters(), now);
            }
            if (Boolean.TRUE.equals(change.resetSchedule())) {
                row = row.withSchedule(false, null, 0, now);
            } else if (change.cron() != null || change.intervalSeconds() != null) {
                Schedule s = schedule(change.cron(), change.intervalSeconds());
                row = row.withSchedule(true, s.cron(), s.intervalSeconds(), now);
            }
            return row;
        }, EventTypes.TASK_UPDATED);
    }

    public TaskDto pause(String id) {
        return change(id, row -> row.withPaused(true, clock.instant()), EventTypes.TASK_PAUSED);
    }

    public TaskDto resume(String id) {
        return change(id, row -> row.withPaused(false, clock.instant()), EventTypes.TASK_RESUMED);
    }

    public void delete(String id) {
        store.tx(c -> {
            TaskRow row = store.find(c, id).orElseThrow(() -> PergolaException.notFound("No task " + id));
            if (!row.added()) {
                throw PergolaException.conflict("Task " + id + " is the default task of its job and cannot be"
                        + " deleted; pause it instead");
            }
            store.delete(c, id);
            audit.record(c, entry(EventTypes.TASK_DELETED, row).withBefore(view(row)));
            return null;
        });
        engine.changed();
    }

    /** Applies {@code edit} to the row and audits it, unless nothing changed (then nothing is written). */
    private TaskDto change(String id, java.util.function.UnaryOperator<TaskRow> edit, String action) {
        TaskRow after = store.tx(c -> {
            TaskRow before = store.find(c, id).orElseThrow(() -> PergolaException.notFound("No task " + id));
            TaskRow changed = edit.apply(before);
            if (same(before, changed)) {
                return before;
            }
            store.update(c, changed);
            audit.record(c, entry(action, changed).withBefore(view(before)).withAfter(view(changed)));
            return changed;
        });
        engine.changed();
        return view(after);
    }

    private static boolean same(TaskRow a, TaskRow b) {
        return a.name().equals(b.name()) && a.paused() == b.paused() && a.scheduleOverride() == b.scheduleOverride()
                && java.util.Objects.equals(a.cron(), b.cron()) && a.intervalSeconds() == b.intervalSeconds()
                && java.util.Objects.equals(a.parameters(), b.parameters());
    }

    private static AuditEntry entry(String action, TaskRow row) {
        return AuditEntry.of(action).withTarget("task", row.id(), row.name()).withDetail("job_id", row.jobId());
    }

    private static Schedule schedule(String cron, Long interval) {
        return Schedule.of(cron, interval == null ? 0 : interval);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw PergolaException.invalid("name", "must not be blank");
        }
        if (name.length() > NAME_MAX) {
            throw PergolaException.invalid("name", "must be at most " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    private TaskRow row(String id) {
        engine.refreshIfChanged();
        return store.find(id).orElseThrow(() -> PergolaException.notFound("No task " + id));
    }

    private TaskDto view(TaskRow row) {
        return TaskViews.of(row, engine.job(row.jobId()), engine.state(row.id()));
    }

    /** For completers: every task id. */
    public List<String> ids() {
        return store.all().stream().map(TaskRow::id).toList();
    }

    /** Parameters of a task as the job sees them (for the shell's detail view). */
    public Map<String, Object> parameters(String id) {
        return Parameters.parse(row(id).parameters());
    }
}
