package dev.pergola.mail.internal.template;

import java.net.URL;
import java.util.Set;

/**
 * The template folders one contributor ships: a bundle's {@code Pergola-Mail-Templates} folder in the platform,
 * a plain directory in tests.
 */
interface TemplateFiles {
    /** Who ships them, for log lines and conflicts: e.g. {@code dev.pergola.identity [42]}. */
    String owner();

    /** The template names found: the sub-folders of the templates folder. */
    Set<String> templateNames();

    /** @return the file {@code fileName} of {@code template} (e.g. {@code text_es.ftl}), or null when absent */
    URL file(String template, String fileName);
}
