package dev.pergola.mail.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.mail.internal.MailDatabase;
import dev.pergola.mail.internal.OutboxMailer;
import dev.pergola.mail.internal.SealedBodies;
import dev.pergola.mail.internal.TestBox;
import dev.pergola.mail.internal.store.Claim;
import dev.pergola.mail.internal.store.Outbox;
import dev.pergola.testkit.TableAuditTrail;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** One attempt against a real SMTP server (GreenMail) and how each outcome lands in the outbox (H2). */
public class DeliveryTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(25));

    private final TestBox box = new TestBox();
    private final TableAuditTrail audit = new TableAuditTrail();
    private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(1);
    private MailDatabase db;
    private Outbox outbox;
    private OutboxMailer mailer;
    private Delivery delivery;
    private GreenMail smtp;
    private int port;

    @Before
    public void setUp() throws Exception {
        db = new MailDatabase("h2", null);
        outbox = new Outbox(db.dataSource, false);
        mailer = new OutboxMailer(db.dataSource, null, box, null);
        delivery = new Delivery(outbox, new SealedBodies(box), audit, Clock.fixed(now, ZoneOffset.UTC));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @After
    public void tearDown() {
        smtp.stop();
    }

    private SmtpSettings settings() {
        return new SmtpSettings("127.0.0.1", port, "none", "", "", "noreply@pergola.test", "Pergola Test", 2000, 5000);
    }

    private Claim claimOne() {
        Claim claim = outbox.claim(1, now, Duration.ofMinutes(5)).get(0);
        assertTrue(outbox.startSending(claim, now));
        return claim;
    }

    @Test
    public void aMessageIsSentOnceWithItsOwnMessageIdBothBodiesAndAnAuditRecord() throws Exception {
        String id = mailer.send(new MailMessage("ana@example.test", "Réinitialiser", "Plain ünïcode", "<p>Rich</p>", "auth"));
        Claim claim = claimOne();
        try (SmtpConnection connection = SmtpConnection.open(settings())) {
            assertEquals(Attempt.Kind.SENT, delivery.attempt(connection, claim, 3, BACKOFF).kind());
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("Réinitialiser", m.getSubject());
        assertEquals("<" + id + "@pergola.test>", m.getMessageID());
        assertEquals(id, m.getHeader("X-Pergola-Email-Id")[0]);
        assertTrue(m.getFrom()[0].toString(), m.getFrom()[0].toString().contains("Pergola Test"));
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertEquals("Plain ünïcode", parts.getBodyPart(0).getContent().toString());
        assertTrue(GreenMailUtil.getBody(parts.getBodyPart(1)), parts.getBodyPart(1).isMimeType("text/html"));
        assertEquals("sent", db.status(id));
        assertEquals(List.of("email.sent"), audit.handed.stream().map(e -> e.action()).toList());
    }

    @Test
    public void aServerThatIsDownIsRetriedWithBackoffThenFailed() throws Exception {
        String id = mailer.send(MailMessage.text("bo@example.test", "Hi", "Text", "test"));
        smtp.stop();
        Claim first = outbox.claim(1, now, Duration.ofMinutes(5)).get(0);
        Attempt down = connect();
        assertEquals(Attempt.Kind.RETRY, down.kind());
        delivery.record(first, down, 3, BACKOFF);
        assertEquals("pending", db.status(id));
        assertEquals(Timestamp(now.plusSeconds(10)), db.value("SELECT next_attempt_at FROM pergola_mail_outbox WHERE id = ?", id));
        Claim second = outbox.claim(1, now.plusSeconds(11), Duration.ofMinutes(5)).get(0);
        delivery.record(second, down, 3, BACKOFF);
        assertEquals("factor 2", Timestamp(now.plusSeconds(20)),
                db.value("SELECT next_attempt_at FROM pergola_mail_outbox WHERE id = ?", id));
        Claim third = outbox.claim(1, now.plusSeconds(40), Duration.ofMinutes(5)).get(0);
        delivery.record(third, down, 3, BACKOFF);
        assertEquals("failed", db.status(id));
        assertEquals("3", db.value("SELECT attempts FROM pergola_mail_outbox WHERE id = ?", id));
        assertEquals(List.of("email.failed"), audit.handed.stream().map(e -> e.action()).toList());
    }

    @Test
    public void anUncertainFailureIsUnknownAndARefusalFailsAtOnce() throws Exception {
        String unsure = mailer.send(MailMessage.text("cy@example.test", "Hi", "Text", "test"));
        delivery.record(claimOne(), Attempt.unknown("connection failed while sending"), 5, BACKOFF);
        assertEquals("unknown", db.status(unsure));
        String refused = mailer.send(MailMessage.text("dee@example.test", "Hi", "Text", "test"));
        delivery.record(claimOne(), Attempt.refused("SMTP 550 no such user"), 5, BACKOFF);
        assertEquals("failed", db.status(refused));
        assertEquals(List.of("email.failed", "email.failed"), audit.handed.stream().map(e -> e.action()).toList());
    }

    @Test
    public void settingsSayWhatIsMissing() {
        assertTrue(new SmtpSettings("", 25, "none", "", "", "a@b.c", "", 1, 1).missing().contains("host"));
        assertTrue(new SmtpSettings("h", 25, "none", "", "", "", "", 1, 1).missing().contains("sender"));
        assertTrue(new SmtpSettings("h", 25, "ssl", "", "", "a@b.c", "", 1, 1).missing().contains("tls"));
        assertEquals(null, new SmtpSettings("h", 465, "tls", "u", "p", "a@b.c", "", 1, 1).missing());
        assertEquals("smtps", new SmtpSettings("h", 465, "tls", "u", "p", "a@b.c", "", 1, 1).protocol());
        assertEquals("true", new SmtpSettings("h", 587, "starttls", "", "", "a@b.c", "", 1, 1).properties()
                .getProperty("mail.smtp.starttls.required"));
    }

    @Test
    public void backoffGrowsAndIsCapped() {
        assertEquals(Duration.ofSeconds(10), BACKOFF.delay(1));
        assertEquals(Duration.ofSeconds(20), BACKOFF.delay(2));
        assertEquals(Duration.ofSeconds(25), BACKOFF.delay(3));
    }

    private Attempt connect() {
        try (SmtpConnection c = SmtpConnection.open(settings())) {
            return Attempt.SENT;
        } catch (Exception e) {
            return Attempt.retry("connect: " + e.getMessage());
        }
    }

    private static String Timestamp(Instant at) {
        return java.sql.Timestamp.from(at).toString();
    }
}
