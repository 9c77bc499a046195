package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Alerts end to end, black-box: a node with real SMTP (GreenMail), a loopback webhook receiver, the evaluation task
 * every second ({@code etc/dev.pergola.alerts.cfg}). The watched metric is the per-second rate of 404 answers of one
 * route ({@code pergola.requests}), which the test drives by asking for a rule or an alert that does not exist.
 * A rule crossing its threshold sends one mail and one signed webhook (to a subscription whose own filter does not
 * name alerts), then resolves and tells once more; reminders repeat until the alert is acknowledged.
 */
public class AlertsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MailNode node;
    private static WebhookReceiver receiver;
    private static String webhookId;
    private static String webhookSecret;

    @BeforeClass
    public static void boot() throws Exception {
        node = new MailNode("dist-alerts", Map.of("poll.interval.ms", "250"));
        Files.writeString(node.home.resolve("etc/dev.pergola.alerts.cfg"), "pergola.job.interval.seconds = 1\n");
        Files.writeString(node.home.resolve("etc/dev.pergola.webhooks.cfg"),
                "allowed.hosts = 127.0.0.1\npoll.interval.ms = 250\nretry.base.ms = 200\n");
        node.startSmtp();
        receiver = new WebhookReceiver("127.0.0.1");
        receiver.start();
        node.start();
        JsonNode hook = data(201, node.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/alerts")
                + "\",\"events\":[\"user.deleted\"]}"));
        webhookId = hook.path("id").asText();
        webhookSecret = hook.path("secret").asText();
    }

    @AfterClass
    public static void shutDown() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void aRuleCrossingItsThresholdMailsAndSignsAWebhookOnceThenResolvesAndTellsOnceMore() throws Exception {
        String to = "ops-a@example.test";
        JsonNode rule = data(201, node.post("/api/v1/alerts/rules", rule("Missing rules asked for",
                "/api/v1/alerts/rules/{id}", to, 0)));
        assertEquals(">", rule.path("condition").asText());
        try (Load load = new Load("/api/v1/alerts/rules/no-such-rule")) {
            JsonNode alert = awaitAlert(rule.path("id").asText(), "triggered");
            assertTrue(alert.toString(), alert.path("value").asDouble() > 2);
            await(Duration.ofSeconds(30),
                    () -> mailsTo(to).size() == 1 && alertHooks("alert.triggered", rule).size() == 1);
            Thread.sleep(3000); // three more passes over a rule that still holds
            assertEquals("one mail per transition", 1, mailsTo(to).size());
            assertEquals("one webhook per transition", 1, alertHooks("alert.triggered", rule).size());
            assertTrue(mailsTo(to).get(0).getSubject(), mailsTo(to).get(0).getSubject()
                    .startsWith("[CRITICAL] Missing rules asked for: metric:pergola.requests > 2"));

            WebhookReceiver.Request hook = alertHooks("alert.triggered", rule).get(0);
            assertEquals(hmac(webhookSecret, hook.header("X-Pergola-Timestamp") + "." + hook.body()),
                    hook.header("X-Pergola-Signature"));
            JsonNode event = JSON.readTree(hook.body());
            assertEquals(alert.path("id").asText(), event.path("data").path("alert_id").asText());
            assertEquals("Missing rules asked for", event.path("data").path("rule_name").asText());
            assertEquals("critical", event.path("data").path("severity").asText());
        }
        awaitAlert(rule.path("id").asText(), "resolved");
        await(Duration.ofSeconds(30), () -> mailsTo(to).size() == 2 && alertHooks("alert.resolved", rule).size() == 1);
        Thread.sleep(3000);
        assertEquals(2, mailsTo(to).size());
        assertTrue(mailsTo(to).get(1).getSubject(), mailsTo(to).get(1).getSubject().startsWith("[Resolved]"));
        assertEquals(1, alertHooks("alert.triggered", rule).size());
        assertEquals(1, alertHooks("alert.resolved", rule).size());
        assertEquals("the subscription's own filter still rules everything else", 0, receiver.accepted().stream()
                .filter(q -> !q.header("X-Pergola-Event").startsWith("alert.")).count());
    }

    @Test
    public void remindersRepeatUntilTheAlertIsAcknowledged() throws Exception {
        String to = "ops-b@example.test";
        JsonNode rule = data(201, node.post("/api/v1/alerts/rules", rule("Missing alerts asked for",
                "/api/v1/alerts/{id}", to, 2)));
        try (Load load = new Load("/api/v1/alerts/no-such-alert")) {
            JsonNode alert = awaitAlert(rule.path("id").asText(), "triggered");
            await(Duration.ofSeconds(30), () -> mailsTo(to).size() >= 3);
            assertTrue(mailsTo(to).get(1).getSubject(), mailsTo(to).get(1).getSubject().startsWith("[Reminder]"));
            JsonNode acked = data(200, node.post("/api/v1/alerts/" + alert.path("id").asText() + "/acknowledge", "{}"));
            assertEquals("acknowledged", acked.path("status").asText());
            assertEquals("admin", acked.path("acknowledged_by").asText());
            Thread.sleep(1500); // a reminder queued just before the acknowledgement still goes out
            int afterAck = mailsTo(to).size();
            Thread.sleep(6000); // three reminder intervals, the condition still holding
            assertEquals("no reminder once acknowledged", afterAck, mailsTo(to).size());
            assertEquals(409, node.post("/api/v1/alerts/" + alert.path("id").asText() + "/acknowledge", "{}").status());
            await(Duration.ofSeconds(30), () -> alertHooks("alert.acknowledged", rule).size() == 1);
        }
        awaitAlert(rule.path("id").asText(), "resolved");
        JsonNode list = data(200, node.get("/api/v1/alerts?severity=critical&status=resolved&filter[rule_id]="
                + rule.path("id").asText()));
        assertEquals(1, list.size());
        JsonNode history = data(200, node.get("/api/v1/alerts/" + list.path(0).path("id").asText())).path("history");
        List<String> steps = new ArrayList<>();
        history.forEach(h -> steps.add(h.path("status").asText()));
        assertEquals(List.of("triggered", "acknowledged", "resolved"), steps);
        assertEquals(422, node.get("/api/v1/alerts?status=firing").status());
    }

    @Test
    public void rulesAreValidatedAndTheShellFailsLoudly() throws Exception {
        Http.Reply bad = node.post("/api/v1/alerts/rules", "{\"name\":\"x\",\"metric_type\":\"nope\",\"condition\":"
                + "\"~\",\"threshold\":1}");
        assertEquals(bad.body(), 422, bad.status());
        assertTrue(bad.body(), bad.json().path("error").path("details").has("metric_type"));
        assertTrue(bad.body(), bad.json().path("error").path("details").has("condition"));
        assertEquals(422, node.post("/api/v1/alerts/rules", "{\"name\":\"x\",\"metric_type\":\"cpu\","
                + "\"condition\":\">\",\"threshold\":1,\"surprise\":true}").status());

        MailNode.Shell added = node.client("alert:rule-add --severity warning heap-high memory gte 95");
        assertEquals(added.out(), 0, added.code());
        MailNode.Shell rules = node.client("alert:rules --search heap");
        assertTrue(rules.out(), rules.out().contains("memory >= 95"));
        MailNode.Shell ack = node.client("alert:ack no-such-alert");
        assertNotEquals(ack.out(), 0, ack.code());
        MailNode.Shell invalid = node.client("alert:rule-add bad cpu between 1");
        assertNotEquals(invalid.out(), 0, invalid.code());
    }

    private static String rule(String name, String endpoint, String to, int repeat) {
        return "{\"name\":\"" + name + "\",\"metric_type\":\"metric:pergola.requests\",\"tags\":{\"endpoint\":\""
                + endpoint + "\",\"status\":\"404\"},\"statistic\":\"rate\",\"condition\":\"gt\",\"threshold\":2,"
                + "\"severity\":\"critical\",\"channels\":{\"emails\":[\"" + to + "\"],\"webhook_ids\":[\"" + webhookId
                + "\"]},\"repeat_interval_seconds\":" + repeat + "}";
    }

    private static JsonNode awaitAlert(String ruleId, String status) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await(Duration.ofSeconds(30), () -> {
            JsonNode list = data(200, node.get("/api/v1/alerts?filter[rule_id]=" + ruleId + "&status=" + status));
            found[0] = list.size() == 1 ? list.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private static List<MimeMessage> mailsTo(String to) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : node.received()) {
            try {
                if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to)) {
                    mails.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return mails;
    }

    /** Accepted deliveries of {@code type} about an alert of {@code rule} (the tests share one receiver). */
    private static List<WebhookReceiver.Request> alertHooks(String type, JsonNode rule) {
        String ruleId = rule.path("id").asText();
        return receiver.accepted().stream().filter(q -> type.equals(q.header("X-Pergola-Event"))).filter(q -> {
            try {
                return ruleId.equals(JSON.readTree(q.body()).path("data").path("rule_id").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError(q.body(), e);
            }
        }).toList();
    }

    private static JsonNode data(int status, Http.Reply reply) {
        assertEquals(reply.body(), status, reply.status());
        return reply.json().path("data");
    }

    private static void await(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(200);
        }
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** About 20 requests a second answered 404 on one route, while it is open. */
    private static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Load(String path) {
            thread = new Thread(() -> {
                while (running.get()) {
                    Http.Reply r = node.get(path);
                    if (r.status() != 404) {
                        throw new AssertionError(path + " answered " + r.status() + ": " + r.body());
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "alerts-it-load");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
