package dev.pergola.tasks.internal.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;
import dev.pergola.tasks.internal.TaskDto;

/**
 * {@code tasks}: WARN naming every task whose last run failed (available and not paused: a paused task is already
 * in an administrator's hands), UP otherwise. A table that cannot be read is a WARN too: the database check owns DOWN.
 */
@Component
@HealthCheckService(name = "tasks", tags = "jobs")
public class TasksHealthCheck implements HealthCheck {
    private final Tasks tasks;

    @Activate
    public TasksHealthCheck(@Reference Tasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public HealthResult check() {
        List<TaskDto> all;
        try {
            all = tasks.list();
        } catch (RuntimeException e) {
            return HealthResult.warn("cannot read the tasks: " + e.getMessage(), Map.of());
        }
        Map<String, Object> failed = new LinkedHashMap<>();
        for (TaskDto t : all) {
            if (t.available() && !t.paused() && "failure".equals(t.lastOutcome())) {
                failed.put(t.id(), t.lastError() == null ? "failed" : t.lastError());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", all.size());
        details.put("running", all.stream().filter(TaskDto::running).count());
        details.put("paused", all.stream().filter(TaskDto::paused).count());
        if (failed.isEmpty()) {
            return HealthResult.up(all.size() + " task(s), no last run failed", details);
        }
        details.put("failed", failed);
        return HealthResult.warn("last run failed: " + String.join(", ", failed.keySet()), details);
    }
}
