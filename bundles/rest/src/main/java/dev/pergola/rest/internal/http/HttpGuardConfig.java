package dev.pergola.rest.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.http", name = "Pergola HTTP guard",
        description = "What the HTTP server serves at all, before any application runs.")
public @interface HttpGuardConfig {
    @AttributeDefinition(name = "Served path prefixes",
            description = "Only requests under these path prefixes reach a servlet; everything else is answered 404 "
                    + "with the error envelope, so a servlet registered outside them (for instance by a plugin, "
                    + "without the platform's authentication) is never reachable. Add a prefix here to serve it.")
    String[] allowed_paths() default {"/api", "/system/console", "/metrics"};
}
