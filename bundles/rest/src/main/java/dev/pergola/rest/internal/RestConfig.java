package dev.pergola.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.rest", name = "Pergola REST API",
        description = "Limits that apply to every request of the platform REST API.")
public @interface RestConfig {
    @AttributeDefinition(name = "Maximum request body (bytes)",
            description = "Larger bodies are refused with 413 PAYLOAD_TOO_LARGE. A resource method may set its "
                    + "own limit with @MaxBodySize.", min = "0")
    long max_body_bytes() default 1_048_576;
}
