package dev.pergola.tasks.internal.engine;

import java.time.Instant;

import dev.pergola.tasks.internal.schedule.Schedule;
import dev.pergola.tasks.internal.store.TaskRow;

/** What the engine knows about one task between database refreshes: its row, schedule, next run and current run. */
final class Plan {
    final JobEntry job;
    volatile TaskRow row;
    volatile Schedule schedule;
    volatile Instant next;
    /** Set while a run of this task is queued or running on this node (the local guard). */
    volatile RunContext current;

    Plan(JobEntry job, TaskRow row, Schedule schedule, Instant next) {
        this.job = job;
        this.row = row;
        this.schedule = schedule;
        this.next = next;
    }

    boolean due(Instant now) {
        Instant at = next;
        return !row.paused() && current == null && at != null && !at.isAfter(now);
    }

    /** The schedule this task follows: the administrator's override, else the job's default. */
    static Schedule scheduleOf(TaskRow row, JobEntry job) {
        return row.scheduleOverride() ? Schedule.of(row.cron(), row.intervalSeconds()) : job.defaultSchedule();
    }

    /** When the previous run ended, as far as the row tells (start + duration). */
    static Instant lastEnd(TaskRow row) {
        if (row.lastRunAt() == null) {
            return null;
        }
        return row.lastDurationMs() == null ? row.lastRunAt() : row.lastRunAt().plusMillis(row.lastDurationMs());
    }
}
