package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;

/**
 * Email delivery end to end, black-box: the distribution as shipped, {@code etc/dev.pergola.mail.cfg} pointed at a
 * GreenMail SMTP server. Jakarta Mail runs inside the mail bundle (its ServiceLoader lookups included) for real.
 * Short retry delays (1 s, ×2, 4 attempts) so that outages play out in seconds.
 */
public class MailDeliveryIT {
    private static final Pattern RESET_LINK = Pattern.compile("https?://[^\\s\"<>]+/admin/reset-password\\?token=([A-Za-z0-9_%-]+)");
    private static MailNode node;

    @BeforeClass
    public static void boot() throws Exception {
        node = new MailNode("dist-mail", Map.of("retry.base.ms", "1000", "retry.factor", "2.0", "max.attempts", "4",
                "poll.interval.ms", "250"));
        node.startSmtp();
        node.start();
    }

    @AfterClass
    public static void shutDown() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Before
    public void smtpUp() {
        node.stopSmtp();
        node.startSmtp();
    }

    @Test
    public void aPasswordResetMailArrivesWithALinkThatResetsThePassword() throws Exception {
        String name = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        String email = name + "@example.test";
        Http.Reply created = node.post("/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"" + email
                + "\",\"password\":\"the-first-password-1\",\"roles\":[\"user\"],\"send_welcome\":false}");
        assertEquals(created.body(), 201, created.status());
        Http.Reply forgot = node.http.post("/api/v1/auth/forgot-password", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}"));
        assertEquals(forgot.body(), 200, forgot.status());

        MimeMessage mail = awaitMailTo(email, Duration.ofSeconds(30));
        assertEquals("noreply@pergola.test", ((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getAddress());
        String body = GreenMailUtil.getBody(mail);
        Matcher link = RESET_LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        assertTrue("a reset link in: " + body, link.find());
        String token = java.net.URLDecoder.decode(link.group(1), java.nio.charset.StandardCharsets.UTF_8);

        Http.Reply reset = node.http.post("/api/v1/auth/reset-password", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\",\"password\":"
                        + "\"the-second-password-2\",\"password_confirmation\":\"the-second-password-2\"}"));
        assertEquals(reset.body(), 200, reset.status());
        Http.Reply login = node.http.post("/api/v1/auth/login", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                        + "\",\"password\":\"the-second-password-2\"}"));
        assertEquals(login.body(), 200, login.status());

        // the queue shows it sent, with its bodies erased (the link is nowhere at rest any more)
        String id = mail.getHeader("X-Pergola-Email-Id")[0];
        JsonNode row = node.awaitEmail(id, Duration.ofSeconds(10), e -> e.path("status").asText().equals("sent"));
        assertEquals(1, row.path("attempts").asInt());
        assertTrue(row.toString(), row.path("text").isNull() || row.path("text").isMissingNode());
        assertTrue(row.toString(), mail.getMessageID().startsWith("<" + id + "@"));
    }

    @Test
    public void whileSmtpIsDownMailWaitsWithBackoffAndLeavesWhenItComesBack() throws Exception {
        node.stopSmtp();
        String to = "down-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String id = node.queueTest(to);
        JsonNode waiting = node.awaitEmail(id, Duration.ofSeconds(20), e -> e.path("attempts").asInt() >= 2);
        assertEquals(waiting.toString(), "pending", waiting.path("status").asText());
        assertTrue(waiting.toString(), waiting.path("last_error").asText().contains("connect"));
        JsonNode health = node.get("/api/health").json();
        assertTrue(health.toString(), health.toString().contains("the last delivery attempt failed"));

        node.startSmtp();
        JsonNode sent = node.awaitEmail(id, Duration.ofSeconds(30), e -> e.path("status").asText().equals("sent"));
        assertTrue(sent.toString(), sent.path("attempts").asInt() >= 3);
        assertEquals("delivered once", 1, node.receivedWithId(id).size());
        // backoff: the attempts were spread out (1 s, then 2 s), not hammered
        Duration spent = Duration.between(java.time.Instant.parse(sent.path("created_at").asText()),
                java.time.Instant.parse(sent.path("sent_at").asText()));
        assertTrue("took " + spent, spent.toMillis() >= 2_500);
    }

    @Test
    public void afterItsLastAttemptAMailIsFailedAndARetrySendsIt() throws Exception {
        node.stopSmtp();
        String to = "max-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String id = node.queueTest(to);
        JsonNode failed = node.awaitEmail(id, Duration.ofSeconds(40), e -> e.path("status").asText().equals("failed"));
        assertEquals(failed.toString(), 4, failed.path("attempts").asInt());
        Http.Reply list = node.get("/api/v1/email-queue?filter[status]=failed&filter[recipient]=" + to);
        assertEquals(list.body(), 1, list.json().path("data").size());
        Http.Reply audit = null;
        for (int i = 0; i < 50 && (audit == null || audit.json().path("data").size() == 0); i++) {
            Thread.sleep(i == 0 ? 0 : 200);
            audit = node.get("/api/v1/audit?filter[action]=email.failed&filter[target_id]=" + id);
        }
        assertEquals(audit.body(), 1, audit.json().path("data").size());

        node.startSmtp();
        Thread.sleep(1500);
        assertEquals("a failed mail stays failed by itself", 0, node.receivedWithId(id).size());
        Http.Reply retry = node.post("/api/v1/email-queue/" + id + "/retry", "{}");
        assertEquals(retry.body(), 200, retry.status());
        node.awaitEmail(id, Duration.ofSeconds(20), e -> e.path("status").asText().equals("sent"));
        assertEquals(1, node.receivedWithId(id).size());
        Http.Reply again = node.post("/api/v1/email-queue/" + id + "/retry", "{}");
        assertEquals("a sent mail is not retried: " + again.body(), 409, again.status());
    }

    @Test
    public void theQueueListsFiltersDeletesAndClears() throws Exception {
        String to = "list-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String id = node.queueTest(to);
        node.awaitEmail(id, Duration.ofSeconds(20), e -> e.path("status").asText().equals("sent"));
        Http.Reply list = node.get("/api/v1/email-queue?filter[recipient][like]=" + to.substring(0, 13)
                + "&sort=-created_at");
        assertEquals(list.body(), 200, list.status());
        assertEquals(list.body(), id, list.json().path("data").path(0).path("id").asText());
        assertFalse(list.body(), list.body().contains("\"text\":\"This is a test"));
        Http.Reply bad = node.post("/api/v1/email-queue/clear", "{\"status\":\"sending\"}");
        assertEquals(bad.body(), 422, bad.status());
        Http.Reply cleared = node.post("/api/v1/email-queue/clear", "{\"status\":\"sent\"}");
        assertEquals(cleared.body(), 200, cleared.status());
        assertTrue(cleared.body(), cleared.json().path("data").path("deleted_count").asInt() >= 1);
        assertEquals(404, node.get("/api/v1/email-queue/" + id).status());

        String other = node.queueTest(to);
        node.awaitEmail(other, Duration.ofSeconds(20), e -> e.path("status").asText().equals("sent"));
        assertEquals(204, node.delete("/api/v1/email-queue/" + other).status());
        assertEquals(404, node.get("/api/v1/email-queue/" + other).status());
        assertEquals(404, node.delete("/api/v1/email-queue/" + other).status());
    }

    @Test
    public void theShellListsShowsRetriesAndFailsLoudly() throws Exception {
        String to = "shell-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MailNode.Shell queued = node.client("mail:test " + to);
        assertEquals(queued.out(), 0, queued.code());
        Matcher id = Pattern.compile("Queued test email (\\S+) to").matcher(queued.out());
        assertTrue(queued.out(), id.find());
        node.awaitEmail(id.group(1), Duration.ofSeconds(20), e -> e.path("status").asText().equals("sent"));
        MailNode.Shell list = node.client("mail:list --status sent --to " + to);
        assertEquals(list.out(), 0, list.code());
        assertTrue(list.out(), list.out().contains(id.group(1)) && list.out().contains("1 email(s)"));
        MailNode.Shell show = node.client("mail:show --bodies " + id.group(1));
        assertTrue(show.out(), show.out().contains("Status:       sent") && show.out().contains("(erased: the message was sent)"));
        MailNode.Shell retry = node.client("mail:retry " + id.group(1) + " no-such-id");
        assertTrue("a retry of a sent mail and of an unknown id fails: " + retry.out(), retry.code() != 0);
        assertTrue(retry.out(), retry.out().contains("no-such-id"));
        MailNode.Shell clear = node.client("mail:clear sending");
        assertTrue(clear.out(), clear.code() != 0);
    }

    private static MimeMessage awaitMailTo(String to, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : node.received()) {
                if (List.of(m.getAllRecipients()).stream().anyMatch(a -> a.toString().equalsIgnoreCase(to))) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail to " + to + " within " + within + "; queue: "
                + node.get("/api/v1/email-queue?filter[recipient]=" + to).body());
    }
}
