package dev.pergola.tasks.internal;

import java.util.Map;

/**
 * {@code POST /api/v1/tasks}: a further task of a job that accepts parameters. Without {@code cron} and
 * {@code interval_seconds} it follows the job's default schedule.
 */
public record NewTask(String jobId, String name, String cron, Long intervalSeconds, Map<String, Object> parameters,
        Boolean paused) {
}
