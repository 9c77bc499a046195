package dev.pergola.mail.internal.template;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TemplateRenderer.PID, name = "Pergola email templates",
        description = "How templated emails are rendered. Changes apply at once.")
public @interface TemplatesConfig {
    @AttributeDefinition(name = "Default locale",
            description = "Language of a templated email whose recipient has none (BCP 47 tag, e.g. en, es, es-MX)")
    String default_locale() default "en";
}
