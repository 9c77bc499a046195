package dev.pergola.identity.internal.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.proxy", name = "Pergola reverse proxies",
        description = "Which peers may name the client in X-Forwarded-For. Logins, rate limits and the web console "
                + "count by client address; without a trusted proxy that is the socket's peer.")
public @interface ClientAddressConfig {
    @AttributeDefinition(name = "Trusted proxies", required = false,
            description = "Addresses or CIDR blocks (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8). X-Forwarded-For is "
                    + "believed only from these, read from the right up to the first untrusted hop.")
    String[] trusted_proxies() default {};
}
