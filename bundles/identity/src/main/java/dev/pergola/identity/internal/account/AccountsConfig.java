package dev.pergola.identity.internal.account;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = UserDirectory.PID, name = "Pergola accounts",
        description = "Password policy and self-registration. Changes apply at once.")
public @interface AccountsConfig {
    @AttributeDefinition(name = "Minimum password length", min = "8", max = "128")
    int password_min_length() default 12;

    @AttributeDefinition(name = "Password history",
            description = "A new password must differ from this many previous ones (0 = only from the current one).",
            min = "0", max = "24")
    int password_history() default 5;

    @AttributeDefinition(name = "Self-registration",
            description = "Lets anyone create an account (role 'user') with POST /api/v1/auth/register.")
    boolean registration_enabled() default false;
}
