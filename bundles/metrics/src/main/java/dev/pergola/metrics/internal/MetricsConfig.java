package dev.pergola.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.pergola.metrics.cfg}: who may scrape {@code /metrics}, and whether HTTP requests are measured. */
@ObjectClassDefinition(id = MetricsConfig.PID, name = "Metrics",
        description = "Prometheus text at /metrics and the per-route HTTP meters.")
public @interface MetricsConfig {
    String PID = "dev.pergola.metrics";

    @AttributeDefinition(name = "Scrape token", type = AttributeType.PASSWORD,
            description = "A secret a Prometheus server may send as 'Authorization: Bearer <token>' instead of a user's "
                    + "token or API key with admin.monitoring.view. Empty (the default): only those are accepted. "
                    + "Use at least 32 random characters.")
    String scrape_token() default "";

    @AttributeDefinition(name = "Measure HTTP requests",
            description = "Count and time every request of the platform's REST API per route (pergola.requests, "
                    + "pergola.request.duration).")
    boolean http_enabled() default true;
}
