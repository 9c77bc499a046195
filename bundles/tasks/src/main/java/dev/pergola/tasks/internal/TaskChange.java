package dev.pergola.tasks.internal;

import java.util.Map;

/**
 * {@code PUT/PATCH /api/v1/tasks/{id}}: only the fields given change. Giving {@code cron} or
 * {@code interval_seconds} overrides the job's default schedule (an empty cron with interval 0 = on demand only);
 * {@code reset_schedule: true} goes back to the job's default.
 */
public record TaskChange(String name, String cron, Long intervalSeconds, Boolean resetSchedule,
        Map<String, Object> parameters) {
}
