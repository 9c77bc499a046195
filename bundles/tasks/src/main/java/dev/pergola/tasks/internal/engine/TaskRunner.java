package dev.pergola.tasks.internal.engine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.tasks.internal.store.RunRow;
import dev.pergola.tasks.internal.store.TaskRow;
import dev.pergola.tasks.internal.store.TaskStore;

/**
 * One run on a worker thread: take the cluster lock, make sure no other node already took this slot, record the
 * start, call the job, record the end. Whatever happens, the plan's guard is released and its next run computed.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final TaskStore tasks;
    private final RunRecorder recorder;
    private final DataSource dataSource;
    private final boolean postgres;
    private final String node;
    private final Clock clock;
    private final BiConsumer<Plan, Instant> finished;

    TaskRunner(TaskStore tasks, RunRecorder recorder, DataSource dataSource, boolean postgres, String node,
            Clock clock, BiConsumer<Plan, Instant> finished) {
        this.tasks = tasks;
        this.recorder = recorder;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.node = node;
        this.clock = clock;
        this.finished = finished;
    }

    String node() {
        return node;
    }

    RunRow queued(Plan plan, String trigger, Instant at) {
        return new RunRow("run_" + UUID.randomUUID().toString().replace("-", ""), plan.row.id(), plan.job.id(),
                trigger, RunRow.QUEUED, node, at, null, null, null, null, null);
    }

    /** @param queued the row of a manual run, else null; @param due the slot of a scheduled run, else null */
    void run(Plan plan, RunContext context, RunRow queued, Instant due) {
        Instant next = null;
        try (ClusterLock lock = ClusterLock.tryAcquire(dataSource, postgres, plan.row.id())) {
            if (lock == null || due != null && takenElsewhere(plan, due)) {
                if (queued != null) {
                    recorder.skipped(queued.ended(RunRow.SKIPPED, clock.instant(), null,
                            "the task is running on another node"));
                }
            } else {
                execute(plan, context, queued != null ? queued : queued(plan, context.trigger(), clock.instant()),
                        queued != null);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Task {} could not be run: {}", plan.row.id(), e.getMessage(), e);
        } finally {
            Instant now = clock.instant();
            next = plan.schedule.next(due != null && due.isAfter(now) ? due : now, now).orElse(null);
            finished.accept(plan, next);
        }
    }

    /** On a shared database: another node started this task at or after the slot (or paused it) meanwhile. */
    private boolean takenElsewhere(Plan plan, Instant due) {
        if (!postgres) {
            return false;
        }
        TaskRow row = tasks.find(plan.row.id()).orElse(null);
        return row == null || row.paused() || row.lastRunAt() != null && !row.lastRunAt().isBefore(due);
    }

    private void execute(Plan plan, RunContext context, RunRow queued, boolean queuedBefore) {
        RunRow run = queued.started(clock.instant());
        recorder.started(run, queuedBefore);
        String outcome = RunRow.SUCCESS;
        String error = null;
        try {
            plan.job.job().run(context);
        } catch (Exception | LinkageError | AssertionError e) {
            outcome = RunRow.FAILURE;
            error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            LOG.warn("Task {} (job {}) failed: {}", plan.row.id(), plan.job.id(), error, e);
        }
        Instant end = clock.instant();
        Instant next = plan.schedule.next(end, end).orElse(null);
        recorder.ended(run.ended(outcome, end, context.result(), error), plan.job, plan.row.name(),
                plan.row.paused() ? null : next);
    }
}
