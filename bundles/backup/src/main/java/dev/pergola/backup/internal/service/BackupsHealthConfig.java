package dev.pergola.backup.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code backups} health check, PID {@value #PID} (the schedule itself stays in {@value BackupConfig#PID}). */
@ObjectClassDefinition(id = BackupsHealthConfig.PID, name = "Pergola health: backups",
        description = "How old the last successful backup may be while scheduled backups are enabled.")
public @interface BackupsHealthConfig {
    String PID = "dev.pergola.backup.health";

    @AttributeDefinition(name = "Largest age (hours)", min = "0", description = "WARN when the newest backup is older "
            + "than this; 0: one and a half times the schedule's interval (36 h for a daily schedule), so one missed "
            + "run warns.")
    long max_age_hours() default 0;
}
