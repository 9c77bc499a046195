package dev.pergola.identity.internal.throttle;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = LoginThrottle.PID, name = "Pergola login throttle",
        description = "Brute-force protection of every password check: free attempts, growing waits, locks, concurrent hashes. Changes apply at once; counters and locks are kept.")
public @interface ThrottleConfig {
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
}
