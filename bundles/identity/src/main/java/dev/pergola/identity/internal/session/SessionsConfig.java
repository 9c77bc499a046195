package dev.pergola.identity.internal.session;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = Sessions.PID, name = "Pergola login sessions",
        description = "How long a login session (and its refresh token or browser cookie) lasts.")
public @interface SessionsConfig {
    @AttributeDefinition(name = "Session lifetime (days)",
            description = "A refresh token, and so the login session, lasts this long without a refresh.", min = "1")
    int session_ttl_days() default 30;
}
