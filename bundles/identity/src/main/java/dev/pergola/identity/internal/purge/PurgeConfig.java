package dev.pergola.identity.internal.purge;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.identity.purge", name = "Pergola identity clean-up",
        description = "Deletes expired sessions, spent refresh tokens, used or expired password-reset links and "
                + "signing keys no live token can carry. Runs as the scheduled task identity.purge at this interval (the tasks API may override it).")
public @interface PurgeConfig {
    @AttributeDefinition(name = "Interval (seconds)", min = "1")
    int interval_seconds() default 3600;

    @AttributeDefinition(name = "Login history (days)",
            description = "Ended or expired sessions stay this long in the users' session lists, then go.", min = "0")
    int session_history_days() default 30;
}
