package dev.pergola.tasks.internal.service;

import java.util.Optional;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.tasks.internal.RunDto;
import dev.pergola.tasks.internal.TaskDto;
import dev.pergola.tasks.internal.engine.JobEntry;
import dev.pergola.tasks.internal.engine.Parameters;
import dev.pergola.tasks.internal.engine.TaskState;
import dev.pergola.tasks.internal.schedule.Schedule;
import dev.pergola.tasks.internal.store.RunRow;
import dev.pergola.tasks.internal.store.TaskRow;

/** Rows plus what the engine knows now → DTOs. */
final class TaskViews {
    private TaskViews() {
    }

    static TaskDto of(TaskRow row, Optional<JobEntry> job, Optional<TaskState> state) {
        Schedule schedule = effective(row, job);
        TaskState s = state.orElse(null);
        return new TaskDto(row.id(), row.jobId(), row.name(), job.map(JobEntry::description).orElse(""),
                job.map(JobEntry::bundle).orElse(null), row.added(),
                job.map(JobEntry::acceptsParameters).orElse(false), job.map(JobEntry::auditCompletions).orElse(true),
                job.isPresent(), schedule == null ? null : schedule.toString(),
                schedule == null ? null : schedule.cron(), schedule == null ? 0 : schedule.intervalSeconds(),
                row.scheduleOverride(), row.paused(), Parameters.parse(row.parameters()),
                s != null && s.running(), s != null && s.running() ? s.percent() : null,
                s != null && s.running() ? s.step() : null,
                s != null ? s.nextRunAt() : null, row.lastRunAt(), row.lastOutcome(), row.lastError(),
                row.lastDurationMs(), row.runCount(), row.runCount() - row.failureCount(), row.failureCount(),
                row.createdAt(), row.updatedAt());
    }

    static RunDto of(RunRow r) {
        return new RunDto(r.id(), r.taskId(), r.jobId(), r.trigger(), r.status(), r.node(), r.queuedAt(),
                r.startedAt(), r.endedAt(), r.durationMs(), r.result(), r.error());
    }

    /** The schedule in force; null when it follows a job that is not registered now. */
    private static Schedule effective(TaskRow row, Optional<JobEntry> job) {
        try {
            if (row.scheduleOverride()) {
                return Schedule.of(row.cron(), row.intervalSeconds());
            }
            return job.map(JobEntry::defaultSchedule).orElse(null);
        } catch (PergolaException e) {
            return Schedule.ON_DEMAND;
        }
    }
}
