package dev.pergola.identity.internal.ratelimit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The API's request budgets, shared by the filter before authentication (per address) and the one after it
 * (per user). Owns {@code dev.pergola.ratelimit}; a configuration change keeps the buckets.
 */
@Component(service = RateLimits.class, configurationPid = "dev.pergola.ratelimit")
@Designate(ocd = RateLimitConfig.class)
public class RateLimits {
    static final String ADMIN_PERMISSION = "admin.settings.manage";

    private final RateBuckets buckets;
    private volatile RateLimitConfig config;

    @Activate
    public RateLimits(RateLimitConfig config) {
        this.config = config;
        this.buckets = new RateBuckets(Math.max(1000, config.tracked_keys()));
    }

    @Modified
    void configure(RateLimitConfig config) {
        this.config = config;
        buckets.resize(Math.max(1000, config.tracked_keys()));
    }

    RateBuckets buckets() {
        return buckets;
    }

    RateLimitConfig config() {
        return config;
    }
}
