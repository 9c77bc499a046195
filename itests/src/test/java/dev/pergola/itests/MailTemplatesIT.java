package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.MailTemplates;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.api.security.SecretBox;

/**
 * Email templates in the assembled distribution: identity's reset, welcome and account-locked mails in English and
 * Spanish (the request's Accept-Language, the account's own locale), HTML escaping of every value, a template
 * contributed by a plugin (the notes sample) that exists only while the plugin runs, and the caller's errors for an
 * unknown template or a model that does not fit. Mails are read back from the outbox, bodies opened with the
 * platform's SecretBox.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailTemplatesIT {
    private static final String PASSWORD = "a-long-enough-password";

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    @Inject
    private SecretBox secretBox;

    @Inject
    private Mailer mailer;

    private Http http;
    private String admin;

    /** A queued mail with its bodies opened. */
    record Mail(String category, String subject, String text, String html) {
    }

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.auth.accounts.cfg", "registration.enabled", "true"),
                // three wrong passwords lock an account at once (no growing delay first), for the locked mail
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.free.attempts", "3"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.after", "3"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.free.attempts", "1000"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.after", "2000"),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "anonymous.per.minute", "1000"));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
    }

    @Test
    public void theResetMailIsInTheRequestsLanguageWithAWorkingLink() throws Exception {
        String es = register("es");
        Http.Reply asked = post("/api/v1/auth/forgot-password", "{\"email\":\"" + es + "@example.test\"}", null,
                "Accept-Language", "es-MX,es;q=0.9,en;q=0.5");
        assertEquals(asked.body(), 200, asked.status());
        Mail spanish = awaitMails(es, 1).get(0);
        assertEquals(MailTemplates.PASSWORD_RESET, spanish.category());
        assertEquals("es-MX falls back to es", "Restablece tu contraseña de Pergola", spanish.subject());
        assertTrue(spanish.text(), spanish.text().startsWith("Hola, " + es + ":"));
        assertTrue(spanish.text(), spanish.text().contains("en los próximos 60 minutos"));
        assertNotNull("an HTML part", spanish.html());
        assertTrue(spanish.html(), spanish.html().contains("<html lang=\"es\">"));
        String token = spanish.text().replaceAll("(?s).*reset-password\\?token=([A-Za-z0-9_-]+).*", "$1");
        assertTrue("the same link in the HTML part", spanish.html().contains("reset-password?token=" + token + "\""));
        Http.Reply reset = post("/api/v1/auth/reset-password", "{\"token\":\"" + token + "\",\"password\":\""
                + "the-new-password-1\",\"password_confirmation\":\"the-new-password-1\"}", null);
        assertEquals(reset.body(), 200, reset.status());

        String en = register("en");
        assertEquals(200, post("/api/v1/auth/forgot-password", "{\"email\":\"" + en + "@example.test\"}", null).status());
        Mail english = awaitMails(en, 1).get(0);
        assertEquals("no Accept-Language: the platform default", "Reset your Pergola password", english.subject());
        assertTrue(english.text(), english.text().startsWith("Hello " + en + ","));
    }

    @Test
    public void theWelcomeMailSpeaksTheAccountsLanguageEscapesItsHtmlAndCanBeDeclined() throws Exception {
        String name = unique("welcome");
        Http.Reply created = post("/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"first_name\":\"<i>Ana</i> & co\",\"locale\":\"es\"}",
                admin, "Accept-Language", "en");
        assertEquals(created.body(), 201, created.status());
        Mail welcome = awaitMails(name, 1).get(0);
        assertEquals(MailTemplates.WELCOME, welcome.category());
        assertEquals("the account's locale beats the request's", "Te damos la bienvenida a Pergola, <i>Ana</i> & co",
                welcome.subject());
        assertTrue(welcome.text(), welcome.text().contains("admin ha creado una cuenta de Pergola para ti"));
        assertTrue(welcome.html(), welcome.html().contains("<p>Hola, &lt;i&gt;Ana&lt;/i&gt; &amp; co:</p>"));
        assertFalse(welcome.html(), welcome.html().contains("<i>Ana</i>"));

        String quiet = unique("quiet");
        Http.Reply declined = post("/api/v1/users", "{\"username\":\"" + quiet + "\",\"email\":\"" + quiet
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"send_welcome\":false}", admin);
        assertEquals(declined.body(), 201, declined.status());
        assertEquals("queued on the request thread, so none means none", 0, mails(quiet).size());
    }

    @Test
    public void anAccountLockedByFailedLoginsIsToldSo() throws Exception {
        String name = register("locked");
        for (int i = 0; i < 3; i++) {
            Http.Reply wrong = post("/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"wrong-" + i
                    + "\"}", null);
            assertEquals(wrong.body(), 401, wrong.status());
        }
        assertEquals(429, post("/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
                null).status());
        Mail locked = awaitMails(name, 1).get(0);
        assertEquals(MailTemplates.ACCOUNT_LOCKED, locked.category());
        assertEquals("Your Pergola account is locked for a while", locked.subject());
        assertTrue(locked.text(), locked.text().matches("(?s).*locked until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC\\).*"));
    }

    @Test
    public void aPluginsTemplateRendersWhileThePluginRuns() throws Exception {
        installNotes();
        String title = "<b>Milk</b> " + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply note = post("/api/v1/notes", "{\"title\":\"" + title + "\",\"body\":\"eggs & <script>x</script>\"}", admin);
        assertEquals(note.body(), 201, note.status());
        String id = note.json().path("data").path("id").asText();
        String to = unique("shared");
        Http.Reply shared = post("/api/v1/notes/" + id + "/share", "{\"to\":\"" + to + "@example.test\",\"locale\":\"es\"}",
                admin);
        assertEquals(shared.body(), 202, shared.status());
        Mail mail = awaitMails(to, 1).get(0);
        assertEquals("notes.shared", mail.category());
        assertEquals("admin ha compartido una nota contigo: " + title, mail.subject());
        assertTrue(mail.text(), mail.text().contains("eggs & <script>x</script>"));
        assertTrue(mail.html(), mail.html().contains("eggs &amp; &lt;script&gt;x&lt;/script&gt;"));
        assertFalse(mail.html(), mail.html().contains("<script>"));

        TemplatedMail again = TemplatedMail.of("notes.shared", to + "@example.test", Locale.ENGLISH,
                Map.of("title", "t", "body", "b", "shared_by", "admin"));
        assertEquals(200, post("/api/v1/plugins/notes/disable", "", admin).status());
        try {
            PergolaException gone = refused(again);
            assertEquals("a stopped plugin's templates are gone", PergolaException.NOT_FOUND, gone.code());
        } finally {
            assertEquals(200, post("/api/v1/plugins/notes/enable", "", admin).status());
        }
        assertNotNull("back with the plugin", mailer.send(again));
        assertEquals("admin shared a note with you: t", awaitMails(to, 2).get(1).subject());
    }

    @Test
    public void anUnknownTemplateOrAModelThatDoesNotFitFailsTheCaller() {
        PergolaException unknown = refused(TemplatedMail.of("nobody.nothing", "x@example.test", null, Map.of()));
        assertEquals(PergolaException.NOT_FOUND, unknown.code());
        PergolaException missing = refused(TemplatedMail.of(MailTemplates.PASSWORD_RESET, "x@example.test", null,
                Map.of()));
        assertEquals(PergolaException.VALIDATION, missing.code());
        assertTrue(missing.details().toString(), missing.details().get("model").get(0).contains("username"));
    }

    /** The failure of sending {@code mail} (the probe's JUnit has no assertThrows). */
    private PergolaException refused(TemplatedMail mail) {
        try {
            mailer.send(mail);
        } catch (PergolaException e) {
            return e;
        }
        fail("queued: " + mail);
        return null;
    }

    private String register(String prefix) {
        String name = unique(prefix);
        Http.Reply created = post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(created.body(), 201, created.status());
        return name;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Reply post(String path, String json, String auth, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        List<String> all = new ArrayList<>(List.of(headers));
        if (auth != null) {
            all.add("Authorization");
            all.add(auth);
        }
        return http.send(b, all.toArray(new String[0]));
    }

    private void installNotes() throws IOException {
        if (http.get("/api/v1/plugins/notes", "Authorization", admin).status() == 200) {
            return;
        }
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"notes.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-notes.jar")));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + "/api/v1/plugins?enable=true")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray()));
        Http.Reply installed = http.send(b, "Authorization", admin);
        assertEquals(installed.body(), 201, installed.status());
    }

    /** Mails queued to {@code <name>@example.test}, oldest first, once at least {@code count} are there (15 s). */
    private List<Mail> awaitMails(String name, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Mail> mails = mails(name);
        while (mails.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            mails = mails(name);
        }
        assertTrue("expected " + count + " mails to " + name + ", found " + mails, mails.size() >= count);
        return mails;
    }

    private List<Mail> mails(String name) throws Exception {
        List<Mail> mails = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, category, subject, text_body, html_body FROM pergola_mail_outbox WHERE LOWER(recipient) = ?"
                        + " ORDER BY created_at")) {
            s.setString(1, name.toLowerCase(Locale.ROOT) + "@example.test");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    String html = r.getString(5);
                    mails.add(new Mail(r.getString(2), r.getString(3), open(id, "text", r.getString(4)),
                            html == null ? null : open(id, "html", html)));
                }
            }
        }
        return mails;
    }

    private String open(String id, String part, String stored) {
        return secretBox.openText(stored, "pergola.mail.outbox:" + id + ":" + part);
    }
}
