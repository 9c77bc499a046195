package dev.pergola.tasks.internal.engine;

import java.util.function.Function;

import org.osgi.framework.Constants;

import dev.pergola.api.tasks.Job;
import dev.pergola.api.tasks.JobService;
import dev.pergola.tasks.internal.schedule.Schedule;

/**
 * A registered {@link Job} service and what its {@link JobService} properties say. A default schedule that does not
 * parse leaves the job on demand only (and is logged by the engine) rather than hiding the job.
 */
public record JobEntry(String id, String name, String description, String cron, long intervalSeconds,
        boolean auditCompletions, boolean acceptsParameters, String bundle, long serviceId, Job job) {
    static final String ID = JobService.PREFIX_ + "id";

    static JobEntry of(Job job, Function<String, Object> props, String bundle) {
        String id = string(props.apply(ID));
        String name = string(props.apply(JobService.PREFIX_ + "name"));
        return new JobEntry(id, name == null || name.isBlank() ? id : name,
                orEmpty(string(props.apply(JobService.PREFIX_ + "description"))),
                orEmpty(string(props.apply(JobService.PREFIX_ + "cron"))).trim(),
                number(props.apply(JobService.PREFIX_ + "interval_seconds")),
                bool(props.apply(JobService.PREFIX_ + "audit_completions"), true),
                bool(props.apply(JobService.PREFIX_ + "accepts_parameters"), false),
                bundle == null ? "" : bundle,
                number(props.apply(Constants.SERVICE_ID)), job);
    }

    /** The schedule the job asks for; {@link Schedule#ON_DEMAND} when its properties are wrong. */
    public Schedule defaultSchedule() {
        return Schedule.of(cron, intervalSeconds);
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return o == null ? 0 : Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean bool(Object o, boolean otherwise) {
        return o == null ? otherwise : Boolean.parseBoolean(String.valueOf(o));
    }
}
