package dev.pergola.backup.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Backups, PID {@value #PID}: where they go, how long a caller waits, and the schedule with its retention. */
@ObjectClassDefinition(id = BackupConfig.PID, name = "Backups", description = "Backups, their schedule and retention.")
public @interface BackupConfig {
    String PID = "dev.pergola.backup";

    @AttributeDefinition(name = "Folder", description = "Where backups are kept; empty: ${karaf.data}/backups.")
    String folder() default "";

    @AttributeDefinition(name = "Quick answer (ms)", min = "0",
            description = "How long a create request waits for the backup before answering 202 (still running).")
    long quick_wait_ms() default 3000;

    @AttributeDefinition(name = "Largest import (MB)", min = "1", description = "Largest backup accepted by import.")
    long import_max_mb() default 10240;

    @AttributeDefinition(name = "Scheduled backups", description = "Make backups on the schedule below.")
    boolean schedule_enabled() default false;

    @AttributeDefinition(name = "Schedule", description = "UNIX cron expression (5 fields, UTC), e.g. 15 3 * * *.")
    String schedule_cron() default "15 3 * * *";

    @AttributeDefinition(name = "Keep daily", min = "0", description = "Scheduled backups kept: the newest of each of the last N days.")
    int keep_daily() default 7;

    @AttributeDefinition(name = "Keep weekly", min = "0", description = "And the newest of each of the last M weeks.")
    int keep_weekly() default 4;

    @AttributeDefinition(name = "Include uploads in scheduled backups")
    boolean schedule_include_uploads() default true;

    @AttributeDefinition(name = "Compress scheduled backups")
    boolean schedule_compression() default true;
}
