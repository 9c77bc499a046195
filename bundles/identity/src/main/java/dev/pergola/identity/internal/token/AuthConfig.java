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

    @AttributeDefinition(name = "Free failed logins per account",
            description = "After these, each further failure doubles a waiting time (429 TOO_MANY_ATTEMPTS).")
    int lockout_free_attempts() default 5;

    @AttributeDefinition(name = "Failed logins that lock an account", description = "Known and unknown names alike.")
    int lockout_after() default 10;

    @AttributeDefinition(name = "Free failed logins per client address")
    int lockout_address_free_attempts() default 20;

    @AttributeDefinition(name = "Failed logins that lock a client address")
    int lockout_address_after() default 50;

    @AttributeDefinition(name = "Lock duration (seconds)")
    int lockout_seconds() default 900;
}
