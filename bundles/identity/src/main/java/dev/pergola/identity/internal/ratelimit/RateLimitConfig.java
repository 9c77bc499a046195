package dev.pergola.identity.internal.ratelimit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.ratelimit", name = "Pergola API rate limits",
        description = "Requests per minute on /api (health, login and refresh excepted: probes are free and logins "
                + "have their own brute-force protection).")
public @interface RateLimitConfig {
    @AttributeDefinition(name = "Anonymous callers, per client address")
    int anonymous_per_minute() default 300;

    @AttributeDefinition(name = "Signed-in callers, per user")
    int authenticated_per_minute() default 1200;

    @AttributeDefinition(name = "Administrators (permission admin.settings.manage), per user")
    int admin_per_minute() default 6000;
}
