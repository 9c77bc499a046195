package dev.pergola.tasks.internal.engine;

import java.time.Instant;
import java.util.Map;

import dev.pergola.api.tasks.JobContext;

/** The {@link JobContext} of one run; the engine reads back progress and result. */
final class RunContext implements JobContext {
    private final String taskId;
    private final Map<String, Object> parameters;
    private final String trigger;
    private final Instant startedAt;
    private volatile boolean cancelled;
    private volatile int percent = -1;
    private volatile String step;
    private volatile String result;

    RunContext(String taskId, Map<String, Object> parameters, String trigger, Instant startedAt) {
        this.taskId = taskId;
        this.parameters = Map.copyOf(parameters);
        this.trigger = trigger;
        this.startedAt = startedAt;
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String trigger() {
        return trigger;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public boolean cancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public void progress(int p, String s) {
        this.percent = Math.max(-1, Math.min(100, p));
        this.step = s;
    }

    @Override
    public void result(String summary) {
        this.result = summary;
    }

    int percent() {
        return percent;
    }

    String step() {
        return step;
    }

    String result() {
        return result;
    }
}
