package dev.pergola.sample.hello;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.sample.hello", name = "Hello", description = "What the hello plugin says.")
public @interface HelloConfig {
    @AttributeDefinition(name = "Greeting", description = "The message GET /api/v1/hello returns.")
    String greeting() default "Hello from Pergola";
}
