package dev.pergola.tasks.internal.store;

import java.time.Instant;

/**
 * One row of {@code tasks}. {@code cron}/{@code intervalSeconds} count only when {@code scheduleOverride}; otherwise
 * the job's defaults apply. {@code parameters} is JSON text (null for a job's default task).
 */
public record TaskRow(String id, String jobId, String name, boolean added, boolean scheduleOverride, String cron,
        long intervalSeconds, boolean paused, String parameters, Instant nextRunAt, Instant lastRunAt,
        String lastOutcome, String lastError, Long lastDurationMs, long runCount, long failureCount, Instant createdAt,
        Instant updatedAt) {

    /** The default task of a job: same id as the job, its default schedule, not paused. */
    public static TaskRow defaultOf(String jobId, String name, Instant now) {
        return new TaskRow(jobId, jobId, name, false, false, null, 0, false, null, null, null, null, null, null, 0, 0,
                now, now);
    }

    public TaskRow withPaused(boolean p, Instant now) {
        return new TaskRow(id, jobId, name, added, scheduleOverride, cron, intervalSeconds, p, parameters, nextRunAt,
                lastRunAt, lastOutcome, lastError, lastDurationMs, runCount, failureCount, createdAt, now);
    }

    public TaskRow withSchedule(boolean override, String c, long interval, Instant now) {
        return new TaskRow(id, jobId, name, added, override, c, interval, paused, parameters, nextRunAt, lastRunAt,
                lastOutcome, lastError, lastDurationMs, runCount, failureCount, createdAt, now);
    }

    public TaskRow withNameAndParameters(String n, String p, Instant now) {
        return new TaskRow(id, jobId, n, added, scheduleOverride, cron, intervalSeconds, paused, p, nextRunAt,
                lastRunAt, lastOutcome, lastError, lastDurationMs, runCount, failureCount, createdAt, now);
    }
}
