package dev.pergola.tasks.internal.store;

import java.time.Instant;

/** One row of {@code task_runs}. {@code status}: queued, running, success, failure, skipped, interrupted. */
public record RunRow(String id, String taskId, String jobId, String trigger, String status, String node,
        Instant queuedAt, Instant startedAt, Instant endedAt, Long durationMs, String result, String error) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String SKIPPED = "skipped";
    public static final String INTERRUPTED = "interrupted";

    public RunRow started(Instant at) {
        return new RunRow(id, taskId, jobId, trigger, RUNNING, node, queuedAt, at, null, null, null, null);
    }

    public RunRow ended(String outcome, Instant at, String resultText, String errorText) {
        long ms = startedAt == null ? 0 : Math.max(0, at.toEpochMilli() - startedAt.toEpochMilli());
        return new RunRow(id, taskId, jobId, trigger, outcome, node, queuedAt, startedAt, at, ms, resultText,
                errorText);
    }
}
