package dev.pergola.identity.internal.ratelimit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.ratelimit", name = "Pergola API rate limits",
        description = "Requests per minute on /api. Every request is first charged to its client address, before "
                + "its token or key is looked at, so a flood of bad credentials is limited too; a request that "
                + "signs in is then charged to its user instead. Login and browser sign-in have the brute-force "
                + "protection instead; health probes their own budget.")
public @interface RateLimitConfig {
    @AttributeDefinition(name = "Per client address",
            description = "Anonymous requests and requests whose credentials fail, per address (IPv6: per /64).")
    int anonymous_per_minute() default 300;

    @AttributeDefinition(name = "Signed-in callers, per user")
    int authenticated_per_minute() default 1200;

    @AttributeDefinition(name = "Administrators (permission admin.settings.manage), per user")
    int admin_per_minute() default 6000;

    @AttributeDefinition(name = "Health probes, per client address",
            description = "A separate, generous budget for /api/health: probes never compete with API calls.")
    int health_per_minute() default 600;

    @AttributeDefinition(name = "Tracked callers",
            description = "Buckets kept; the least recently used are forgotten first.", min = "1000")
    int tracked_keys() default 100_000;
}
