package dev.pergola.api.health;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type naming a {@link HealthCheck}: {@code pergola.health.name}, {@code pergola.health.tags}. */
@ComponentPropertyType
public @interface HealthCheckService {
    String PREFIX_ = "pergola.health.";

    /** Short, stable name shown in the health report, e.g. {@code database}. */
    String name();

    /** {@code ready} makes the check part of readiness. */
    String[] tags() default {"ready"};
}
