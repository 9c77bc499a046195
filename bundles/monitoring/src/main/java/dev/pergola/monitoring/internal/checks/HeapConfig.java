package dev.pergola.monitoring.internal.checks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = HeapConfig.PID, name = "Pergola health: heap",
        description = "The heap check of /api/health, on the heap still used after the last garbage collection.")
public @interface HeapConfig {
    String PID = "dev.pergola.health.heap";

    @AttributeDefinition(name = "Warning (%)", min = "1", max = "100",
            description = "WARN when the heap used after GC exceeds this share of the maximum heap.")
    double warn_percent() default 85;

    @AttributeDefinition(name = "Down (%)", min = "1", max = "100",
            description = "DOWN when it exceeds this share: the node is about to run out of memory.")
    double down_percent() default 97;
}
