package dev.pergola.sample.notes.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.sample.notes.NewNote;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.ShareNote;

public class NoteSharingTest {
    private final List<TemplatedMail> sent = new ArrayList<>();
    private final Mailer mailer = new Mailer() {
        @Override
        public String send(MailMessage message) {
            throw new UnsupportedOperationException("the plugin sends through its template");
        }

        @Override
        public String send(TemplatedMail mail) {
            sent.add(mail);
            return "mail-1";
        }
    };
    private final Notes notes = new Notes(new FakeNoteStore(), NotesTest.config(2000, 1000));
    private final NoteSharing sharing = new NoteSharing(notes, mailer);

    @Test
    public void aNoteGoesOutThroughThePluginsTemplateInTheAskedLanguage() {
        NoteDto note = notes.create("ana", new NewNote("Groceries", "milk, eggs"));
        assertEquals("mail-1", sharing.share("ana", note.id(), new ShareNote(" bob@example.test ", "es-MX")));
        TemplatedMail mail = sent.get(0);
        assertEquals(NoteSharing.TEMPLATE, mail.template());
        assertEquals("bob@example.test", mail.to());
        assertEquals(new Locale("es", "MX"), mail.locale());
        assertEquals(Map.of("title", "Groceries", "body", "milk, eggs", "shared_by", "ana"), mail.model());
    }

    @Test
    public void withoutALanguageThePlatformDefaultApplies() {
        NoteDto note = notes.create("ana", new NewNote("Plain", "text"));
        sharing.share("ana", note.id(), new ShareNote("bob@example.test", null));
        assertNull(sent.get(0).locale());
    }

    @Test
    public void noRecipientOrNoNoteSendsNothing() {
        assertEquals(PergolaException.VALIDATION, assertThrows(PergolaException.class,
                () -> sharing.share("ana", "x", new ShareNote(" ", null))).code());
        assertEquals(PergolaException.NOT_FOUND, assertThrows(PergolaException.class,
                () -> sharing.share("ana", "missing", new ShareNote("bob@example.test", null))).code());
        assertTrue(sent.isEmpty());
    }
}
