package dev.pergola.identity.internal.token;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.auth", name = "Pergola authentication",
        description = "Tokens, sessions, password policy, brute-force protection and self-service of the REST API.")
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

    @AttributeDefinition(name = "Concurrent password hashes",
            description = "Logins checked at once on all channels (each Argon2id hash holds 19 MiB); past it a login "
                    + "is refused at once (REST 503 with Retry-After). 0 = half the processor count (at least 1), so the "
                    + "API keeps cores of its own.", min = "0")
    int login_concurrent_hashes() default 0;

    @AttributeDefinition(name = "Tracked login keys",
            description = "Failure counters kept per kind (accounts, addresses, address-account pairs); the least "
                    + "recently used are forgotten first.", min = "1000")
    int login_tracked_keys() default 100_000;

    @AttributeDefinition(name = "Minimum password length", min = "8", max = "128")
    int password_min_length() default 12;

    @AttributeDefinition(name = "Password history",
            description = "A new password must differ from this many previous ones (0 = only from the current one).",
            min = "0", max = "24")
    int password_history() default 5;

    @AttributeDefinition(name = "Self-registration",
            description = "Lets anyone create an account (role 'user') with POST /api/v1/auth/register.")
    boolean registration_enabled() default false;

    @AttributeDefinition(name = "Password-reset link lifetime (minutes)", min = "5", max = "1440")
    int password_reset_ttl_minutes() default 60;

    @AttributeDefinition(name = "Public URL",
            description = "How users reach this installation; links in emails start with it.")
    String public_url() default "http://localhost:8181";
}
