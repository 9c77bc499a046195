package dev.pergola.tasks.internal;

import java.time.Instant;

/** One run of a task: {@code status} queued, running, success, failure, skipped or interrupted. */
public record RunDto(String id, String taskId, String jobId, String trigger, String status, String node,
        Instant queuedAt, Instant startedAt, Instant endedAt, Long durationMs, String result, String error) {
}
