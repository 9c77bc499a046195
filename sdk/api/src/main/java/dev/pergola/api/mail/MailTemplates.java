package dev.pergola.api.mail;

/**
 * Where email templates come from: bundle resources, by convention, so a plugin needs no Pergola class to ship one.
 * A bundle names a folder with the manifest header {@value #HEADER}; each sub-folder is one template, named by the
 * folder, and holds <a href="https://freemarker.apache.org/">FreeMarker</a> files per locale:
 * <pre>
 * Pergola-Mail-Templates: mail-templates
 * mail-templates/acme-notes.shared/subject.ftl        one line (English, the fallback)
 * mail-templates/acme-notes.shared/text.ftl           plain text (required)
 * mail-templates/acme-notes.shared/html.ftlh          HTML (optional; every ${value} is HTML-escaped)
 * mail-templates/acme-notes.shared/subject_es.ftl     Spanish, and so on per locale (text_es.ftl, html_es.ftlh)
 * </pre>
 * Templates appear when the bundle starts and go away when it stops. Name a plugin's templates after its slug
 * ({@code <slug>.<name>}); a name already taken by another bundle is refused and logged.
 *
 * @since 1.1
 */
public final class MailTemplates {
    /** Manifest header naming the bundle folder that holds the templates. */
    public static final String HEADER = "Pergola-Mail-Templates";

    /** The platform's own templates. */
    public static final String PASSWORD_RESET = "auth.password-reset";
    public static final String ACCOUNT_LOCKED = "auth.account-locked";
    public static final String WELCOME = "auth.welcome";

    private MailTemplates() {
    }
}
