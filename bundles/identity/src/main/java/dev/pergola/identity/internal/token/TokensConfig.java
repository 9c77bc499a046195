package dev.pergola.identity.internal.token;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AccessTokens.PID, name = "Pergola access tokens",
        description = "Lifetime of the signed access tokens (retired signing keys stay published that long).")
public @interface TokensConfig {
    @AttributeDefinition(name = "Access token lifetime (seconds)", min = "30", max = "86400")
    int access_token_ttl_seconds() default 900;
}
