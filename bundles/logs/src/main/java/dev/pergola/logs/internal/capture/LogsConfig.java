package dev.pergola.logs.internal.capture;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Capture and retention of the platform's log events, PID {@value #PID}; changes apply without a restart. */
@ObjectClassDefinition(id = LogsConfig.PID, name = "Logs", description = "Which log events are stored in the "
        + "database, and for how long.")
public @interface LogsConfig {
    String PID = "dev.pergola.logs";

    @AttributeDefinition(name = "Capture level", description = "Events below this level are not stored (the log "
            + "file still has what its own levels let through).", options = {
            @Option(value = "TRACE", label = "TRACE"), @Option(value = "DEBUG", label = "DEBUG"),
            @Option(value = "INFO", label = "INFO"), @Option(value = "WARN", label = "WARN"),
            @Option(value = "ERROR", label = "ERROR")})
    String capture_level() default "INFO";

    @AttributeDefinition(name = "Skipped loggers", description = "Logger name prefixes never stored (JDBC drivers "
            + "and the pool: they would log the store's own writes).")
    String[] skip_loggers() default {"org.postgresql", "org.h2", "h2database", "org.apache.commons.dbcp2",
            "org.apache.commons.pool2", "org.ops4j.pax.jdbc", "com.zaxxer.hikari"};

    @AttributeDefinition(name = "Queue capacity", min = "100", description = "Events waiting for the writer; when "
            + "full, new events are dropped (and counted), the logging thread never waits.")
    int queue_capacity() default 10000;

    @AttributeDefinition(name = "Batch size", min = "1", description = "Most events written in one insert.")
    int batch_size() default 500;

    @AttributeDefinition(name = "Keep days", min = "1", description = "logs.retention deletes older entries.")
    int max_age_days() default 14;

    @AttributeDefinition(name = "Keep at most", min = "1000", description = "logs.retention deletes the oldest "
            + "entries beyond this count.")
    int max_rows() default 500000;

    @AttributeDefinition(name = "Live tails", min = "1", description = "Open /api/v1/logs/stream connections at most.")
    int max_tails() default 20;
}
