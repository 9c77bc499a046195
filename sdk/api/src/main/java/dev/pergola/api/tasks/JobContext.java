package dev.pergola.api.tasks;

import java.time.Instant;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** What a running {@link Job} learns about its run and tells back. */
@ProviderType
public interface JobContext {
    /** The task being run: the job's own id for its default task, or the id of a task an administrator added. */
    String taskId();

    /** The task's parameters (empty for a default task). Values are JSON types: String, Number, Boolean, List, Map. */
    Map<String, Object> parameters();

    /** {@code schedule} or {@code manual}. */
    String trigger();

    Instant startedAt();

    /** True once the run should stop early (platform or bundle stopping). */
    boolean cancelled();

    /** Reports progress, shown with the running task ({@code percent} 0–100, or -1 when unknown). */
    void progress(int percent, String step);

    /** A short result shown in the run's history (e.g. "archived 120 records"). */
    void result(String summary);
}
