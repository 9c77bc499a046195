package dev.pergola.sample.notes.service;

import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.ShareNote;

/**
 * Emails a note with the plugin's own template {@value #TEMPLATE} (folder {@code mail-templates/notes.shared},
 * header {@code Pergola-Mail-Templates}). The platform renders it in the recipient's language, escapes every value in
 * the HTML part, and queues it; a bad address or model comes back as a {@link PergolaException} before anything is
 * queued.
 */
@Component(service = NoteSharing.class)
public class NoteSharing {
    /** Named after the plugin's slug, as every plugin template is. */
    public static final String TEMPLATE = "notes.shared";

    private final Notes notes;
    private final Mailer mailer;

    @Activate
    public NoteSharing(@Reference Notes notes, @Reference Mailer mailer) {
        this.notes = notes;
        this.mailer = mailer;
    }

    /** @return the id of the queued mail */
    public String share(String actor, String noteId, ShareNote request) {
        if (request == null || request.to() == null || request.to().isBlank()) {
            throw PergolaException.invalid("to", "is required");
        }
        NoteDto note = notes.get(noteId);
        Locale locale = request.locale() == null || request.locale().isBlank() ? null
                : Locale.forLanguageTag(request.locale().strip().replace('_', '-'));
        return mailer.send(new TemplatedMail(TEMPLATE, request.to().strip(), locale,
                Map.of("title", note.title(), "body", note.body() == null ? "" : note.body(), "shared_by", actor),
                null));
    }
}
