package dev.pergola.identity.internal.token;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.auth", name = "Pergola authentication",
        description = "Token lifetimes of the REST API.")
public @interface AuthConfig {
    @AttributeDefinition(name = "Access token lifetime (seconds)", min = "30", max = "86400")
    int access_token_ttl_seconds() default 900;

    @AttributeDefinition(name = "Session lifetime (days)",
            description = "A refresh token, and so the login session, lasts this long without a refresh.", min = "1")
    int session_ttl_days() default 30;
}
