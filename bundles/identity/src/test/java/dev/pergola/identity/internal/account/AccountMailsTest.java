package dev.pergola.identity.internal.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Test;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.MailTemplates;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.identity.internal.Configs;
import dev.pergola.identity.internal.audit.RecordingAuditTrail;

public class AccountMailsTest {
    /** Keeps what it is asked to send; fails when told to. */
    private static final class RecordingMailer implements Mailer {
        final List<TemplatedMail> sent = new ArrayList<>();
        boolean broken;

        @Override
        public String send(MailMessage message) {
            throw new UnsupportedOperationException("account mails are templated");
        }

        @Override
        public String send(TemplatedMail mail) {
            if (broken) {
                throw new IllegalStateException("database away");
            }
            sent.add(mail);
            return "id";
        }
    }

    private final RecordingMailer mailer = new RecordingMailer();
    private final PasswordResets resets = new PasswordResets(null, null, mailer, null,
            new RecordingAuditTrail().identityAudit(),
            Configs.of(ResetsConfig.class, Map.of("public_url", "https://pergola.example/")));
    private final AccountMails mails = new AccountMails(mailer, resets);

    @After
    public void stop() throws InterruptedException {
        resets.stop();
    }

    private static UserDto user(String firstName, String locale) {
        return new UserDto("u1", "ana", "ana@example.test", firstName, null, null, null, locale, null, "active",
                Instant.now(), null, null, null, Set.of("user"));
    }

    @Test
    public void welcomeNamesTheCreatorAndTheSignInPageInTheRequestedLanguage() {
        mails.welcome(user(null, null), "root", new Locale("es"));
        TemplatedMail mail = mailer.sent.get(0);
        assertEquals(MailTemplates.WELCOME, mail.template());
        assertEquals("ana@example.test", mail.to());
        assertEquals(new Locale("es"), mail.locale());
        assertEquals(Map.of("username", "ana", "name", "ana", "created_by", "root",
                "sign_in_url", "https://pergola.example/admin/"), mail.model());
    }

    @Test
    public void theAccountsOwnLocaleWinsOverTheRequest() {
        mails.welcome(user("Ana", "es_MX"), "root", Locale.ENGLISH);
        assertEquals(new Locale("es", "MX"), mailer.sent.get(0).locale());
        assertEquals("Ana", mailer.sent.get(0).model().get("name"));
    }

    @Test
    public void lockedSaysUntilWhenInUtcAndLeavesTheLanguageToTheAccount() {
        mails.locked(user(null, null), Instant.parse("2026-11-30T03:15:42Z"));
        TemplatedMail mail = mailer.sent.get(0);
        assertEquals(MailTemplates.ACCOUNT_LOCKED, mail.template());
        assertEquals("2026-11-30 03:15", mail.model().get("until"));
        assertNull("no request: the platform default", mail.locale());
    }

    @Test
    public void aMailThatCannotBeQueuedDoesNotFailTheChangeItFollows() {
        mailer.broken = true;
        mails.welcome(user(null, null), "root", null);
        mails.locked(user(null, null), Instant.now());
        assertTrue(mailer.sent.isEmpty());
    }

    @Test
    public void storedLocalesAreReadInBothSpellingsAndNonsenseIsIgnored() {
        assertEquals(new Locale("es", "MX"), MailLocale.of("es-MX", Locale.ENGLISH));
        assertEquals(Locale.ENGLISH, MailLocale.of("  ", Locale.ENGLISH));
        assertEquals(Locale.ENGLISH, MailLocale.of("!!", Locale.ENGLISH));
        assertNull(MailLocale.of(null, null));
    }
}
