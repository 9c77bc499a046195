package dev.pergola.api.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One email built from a template (see {@link MailTemplates} for where templates come from). The template is
 * rendered when {@link Mailer#send(TemplatedMail)} is called, so a broken template fails the caller, not the queue.
 *
 * @param template the template name, e.g. {@code auth.password-reset} or {@code acme-notes.shared}
 * @param to the recipient address
 * @param locale the recipient's language; {@code null} uses the platform's default. A locale without its own
 *               template files falls back to its language, then to English.
 * @param model the values the template reads (strings, numbers, booleans, lists, maps); HTML output escapes them
 * @param category groups messages in the queue; {@code null} uses the template name
 * @since 1.1
 */
public record TemplatedMail(String template, String to, Locale locale, Map<String, Object> model, String category) {
    public TemplatedMail {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(to, "to");
        model = model == null ? Map.of() : Map.copyOf(model);
        category = category == null ? template : category;
    }

    public static TemplatedMail of(String template, String to, Locale locale, Map<String, Object> model) {
        return new TemplatedMail(template, to, locale, model, null);
    }
}
