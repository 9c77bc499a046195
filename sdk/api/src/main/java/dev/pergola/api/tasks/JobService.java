package dev.pergola.api.tasks;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type describing a {@link Job}: {@code pergola.job.id}, {@code .name}, … Exactly one of
 * {@link #cron()} and {@link #interval_seconds()} gives the default schedule; both empty/0 means "only on demand".
 * The schedule an administrator sets through the tasks API, and whether the task is paused, are kept in the database
 * and win over these defaults until reset.
 */
@ComponentPropertyType
public @interface JobService {
    String PREFIX_ = "pergola.job.";

    /** Stable, unique id, dotted, lower case, prefixed by the owner: {@code audit.retention}, {@code notes.digest}. */
    String id();

    /** Human name shown in lists. */
    String name();

    String description() default "";

    /** UNIX cron (5 fields, UTC), e.g. {@code 0 3 * * *}. */
    String cron() default "";

    /** Fixed delay between the end of one run and the start of the next, in seconds. */
    long interval_seconds() default 0;

    /**
     * Whether each completed run is recorded in the audit trail as {@code task.completed} (and so sent to webhooks).
     * Frequent housekeeping sets false: its completions are posted to live streams only. Failures are always recorded.
     */
    boolean audit_completions() default true;

    /** Whether {@code POST /api/v1/tasks} may add further tasks of this job with their own parameters. */
    boolean accepts_parameters() default false;
}
