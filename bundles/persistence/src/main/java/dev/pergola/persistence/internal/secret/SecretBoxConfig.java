package dev.pergola.persistence.internal.secret;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.secrets", name = "Pergola data protection",
        description = "The key that encrypts secrets stored in the database (signing keys, queued mail). "
                + "Keep it out of database backups; every node sharing one database needs the same file.")
public @interface SecretBoxConfig {
    @AttributeDefinition(name = "Key file",
            description = "Path of the 32-byte key, created on first start when missing. Empty: "
                    + "${karaf.data}/security/data-protection.key. The environment variable "
                    + "PERGOLA_SECRET_KEY_FILE overrides this.")
    String key_file() default "";
}
