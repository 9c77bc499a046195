package dev.pergola.identity.internal.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.console", name = "Pergola web console guard",
        description = "Protects Karaf's web console: per-address request budget, cross-site writes refused, "
                + "SameSite cookies, Content-Security-Policy.")
public @interface ConsoleConfig {
    @AttributeDefinition(name = "Console path", description = "Where the web console is served (its manager.root).")
    String path() default "/system/console";

    @AttributeDefinition(name = "Requests per minute, per client address",
            description = "Also the burst allowed at once. A page view loads a few dozen files; a flood of sign-in "
                    + "attempts gets 429 before it costs password hashes or crowds out the API.")
    int per_minute() default 120;

    @AttributeDefinition(name = "Other allowed origins", required = false,
            description = "Origins besides the console's own (e.g. https://admin.example.com) whose pages may POST "
                    + "to the console.")
    String[] allowed_origins() default {};

    @AttributeDefinition(name = "Content-Security-Policy")
    String content_security_policy() default "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'";
}
