package dev.pergola.audit.internal.retention;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Audit retention, PID {@value #PID}: editable in the web console and Config Admin, applied at the next daily run
 * without a restart.
 */
@ObjectClassDefinition(id = AuditConfig.PID, name = "Audit trail", description = "How long audit records stay in"
        + " the database before they are archived to files.")
public @interface AuditConfig {
    String PID = "dev.pergola.audit";

    @AttributeDefinition(name = "Retention (days)", min = "0", description = "Sealed records older than this are"
            + " archived to a gzip JSON-lines file, then deleted, leaving an anchor the chain is verified from."
            + " 0 keeps everything in the database.")
    int retention_days() default 365;

    @AttributeDefinition(name = "Archive folder", description = "Where archives are written (owner-only files); a"
            + " relative path is under the Karaf base folder.")
    String archive_folder() default "data/audit/archive";
}
