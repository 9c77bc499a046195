package dev.pergola.persistence.internal.datasource;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "dev.pergola.db", name = "Pergola database",
        description = "The database every Pergola bundle shares. Environment variables PERGOLA_DB_TYPE, "
                + "PERGOLA_DB_URL, PERGOLA_DB_USER, PERGOLA_DB_PASSWORD and PERGOLA_DB_POOL_MAX override these values.")
public @interface DatabaseConfig {
    @AttributeDefinition(name = "Type", options = {@Option(label = "Embedded H2", value = "h2"),
            @Option(label = "PostgreSQL", value = "postgresql")})
    String type() default "h2";

    @AttributeDefinition(name = "JDBC URL", description = "Empty: the H2 file database under the Karaf data folder.",
            required = false)
    String url() default "";

    @AttributeDefinition(name = "User")
    String user() default "pergola";

    @AttributeDefinition(name = "Password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "pergola";

    @AttributeDefinition(name = "Maximum pool size", min = "1", max = "500")
    int pool_max() default 16;
}
