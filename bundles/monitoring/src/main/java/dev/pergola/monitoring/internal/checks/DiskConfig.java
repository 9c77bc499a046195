package dev.pergola.monitoring.internal.checks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DiskConfig.PID, name = "Pergola health: disk",
        description = "The disk check of /api/health: DOWN when the data directory's file system runs short.")
public @interface DiskConfig {
    String PID = "dev.pergola.health.disk";

    @AttributeDefinition(name = "Directory", description = "The directory whose file system is watched; empty: the "
            + "Karaf data directory (database, backups, logs).")
    String path() default "";

    @AttributeDefinition(name = "Minimum free (MB)", min = "0", description = "DOWN below this much usable space.")
    long min_free_mb() default 500;

    @AttributeDefinition(name = "Minimum free (%)", min = "0", max = "100",
            description = "DOWN below this share of the file system usable.")
    double min_free_percent() default 2;

    @AttributeDefinition(name = "Warning margin", min = "1", description = "WARN below this multiple of the minimums, so "
            + "operators hear of it before the node goes out of service.")
    double warn_factor() default 2;
}
