package dev.pergola.identity.internal.account;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PasswordResets.PID, name = "Pergola password resets",
        description = "Reset links sent by email. Changes apply at once.")
public @interface ResetsConfig {
    @AttributeDefinition(name = "Password-reset link lifetime (minutes)", min = "5", max = "1440")
    int password_reset_ttl_minutes() default 60;

    @AttributeDefinition(name = "Public URL",
            description = "How users reach this installation; links in emails start with it.")
    String public_url() default "http://localhost:8181";
}
