package dev.pergola.tasks.internal.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.tasks.internal.schedule.Schedule;
import dev.pergola.tasks.internal.store.TaskRow;
import dev.pergola.tasks.internal.store.TaskStore;

/**
 * Turns the tasks table into plans for the registered jobs. Existing {@link Plan} objects are updated in place (a
 * running task keeps its guard); the next run is recomputed only when the schedule or the paused flag changed.
 */
final class PlanLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PlanLoader.class);
    private final TaskStore tasks;
    private final Clock clock;

    PlanLoader(TaskStore tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    Map<String, Plan> load(Map<String, JobEntry> jobs, Map<String, Plan> current, Instant now) {
        List<TaskRow> rows = tasks.all();
        Set<String> ids = rows.stream().map(TaskRow::id).collect(Collectors.toSet());
        boolean created = false;
        for (JobEntry job : jobs.values()) {
            if (!ids.contains(job.id())) {
                tasks.ensureDefault(job.id(), job.name(), now);
                created = true;
            }
        }
        Map<String, Plan> fresh = new HashMap<>();
        for (TaskRow row : created ? tasks.all() : rows) {
            JobEntry job = jobs.get(row.jobId());
            if (job == null) {
                continue;
            }
            Schedule schedule = schedule(row, job);
            Plan plan = current.get(row.id());
            if (plan == null || plan.job != job) {
                plan = new Plan(job, row, schedule, first(schedule, row, now));
            } else {
                boolean changed = !schedule.toString().equals(plan.schedule.toString())
                        || plan.row.paused() != row.paused();
                plan.row = row;
                plan.schedule = schedule;
                if (changed && plan.current == null) {
                    plan.next = first(schedule, row, clock.instant());
                }
            }
            fresh.put(row.id(), plan);
        }
        return fresh;
    }

    private static Schedule schedule(TaskRow row, JobEntry job) {
        try {
            return Plan.scheduleOf(row, job);
        } catch (PergolaException e) {
            LOG.error("Task {} has a schedule that does not parse ({}); it runs on demand only", row.id(),
                    e.getMessage());
            return Schedule.ON_DEMAND;
        }
    }

    /**
     * The first run after a (re)load: a cron task at its next slot; an interval task one interval after its last
     * run ended — right away when that is overdue (e.g. after a long stop) — or one interval from now if it never ran.
     */
    private static Instant first(Schedule schedule, TaskRow row, Instant now) {
        Instant lastEnd = schedule.cron() == null ? Plan.lastEnd(row) : null;
        return schedule.next(now, lastEnd).orElse(null);
    }
}
