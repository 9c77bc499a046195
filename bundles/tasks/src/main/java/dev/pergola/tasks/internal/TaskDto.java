package dev.pergola.tasks.internal;

import java.time.Instant;
import java.util.Map;

/**
 * A task as REST and the shell show it. {@code schedule} describes the effective schedule ("cron 0 3 * * *", "every
 * 60 s", "on demand"); {@code cron}/{@code interval_seconds} are its parts. {@code available} is false while the job's
 * bundle is not running (the task is kept, and shown, but cannot run).
 */
public record TaskDto(String id, String jobId, String name, String description, String bundle, boolean added,
        boolean acceptsParameters, boolean auditCompletions, boolean available, String schedule, String cron,
        long intervalSeconds, boolean scheduleOverridden, boolean paused, Map<String, Object> parameters,
        boolean running, Integer progressPercent, String progressStep, Instant nextRunAt, Instant lastRunAt,
        String lastOutcome, String lastError, Long lastDurationMs, long runCount, long successCount,
        long failureCount, Instant createdAt, Instant updatedAt) {
}
