package dev.pergola.sample.notes.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The notes settings, PID {@value #PID}: editable in the web console, through
 * {@code PUT /api/v1/plugins/notes/config} and {@code plugin:config notes --pid acme.notes}, applied without a
 * restart ({@code @Modified}).
 */
@ObjectClassDefinition(id = NotesConfig.PID, name = "Notes", description = "Limits of the notes plugin.")
public @interface NotesConfig {
    String PID = "acme.notes";

    @AttributeDefinition(name = "Maximum body length", min = "1", max = "4000",
            description = "Characters a note's body may hold (the column holds 4000).")
    int max_body_length() default 2000;

    @AttributeDefinition(name = "Maximum notes", min = "1",
            description = "Notes the plugin keeps; creating one more is refused. The health check warns at 90 %.")
    int max_notes() default 1000;
}
