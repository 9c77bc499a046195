package dev.pergola.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.health", name = "Pergola health endpoints",
        description = "How /api/health runs its checks.")
public @interface HealthConfig {
    @AttributeDefinition(name = "Check timeout (ms)", description = "A check that has not answered by then counts as "
            + "DOWN for this probe; it keeps running and is not started again until it answers.", min = "10")
    long timeout_ms() default 2000;

    @AttributeDefinition(name = "Result reuse (ms)", description = "A check's result is reused for this long, so a "
            + "flood of probes runs each check at most once per interval.", min = "0")
    long cache_ms() default 1000;
}
