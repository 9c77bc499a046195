package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.internet.MimeMessage;

/**
 * At-most-once under a power cut, black-box: 200 mails wait (no SMTP host yet), the host is set, and the node is
 * killed with SIGKILL while the burst is going out. After a restart every message is accounted for: sent (received
 * exactly once), or unknown (the one that was on the wire: received at most once, never resent by itself). None is
 * lost, none is received twice.
 */
public class MailCrashIT {
    private static final int BURST = 200;

    @Test
    public void aKillDuringABurstLosesNoMailAndSendsNoneTwice() throws Exception {
        try (MailNode node = new MailNode("dist-mail-crash", Map.of("poll.interval.ms", "250", "retry.base.ms", "1000"),
                false)) {
            node.startSmtp();
            node.start();
            List<String> ids = queueBurst(node);
            assertEquals(BURST, total(node, "filter[status]=pending"));

            node.pointAtSmtp();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (node.received().size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            int atKill = node.received().size();
            assertTrue("the burst started going out", atKill >= 20);
            node.kill();
            Thread.sleep(500);
            int afterKill = node.received().size();
            assertTrue("the kill came mid-burst (" + afterKill + " of " + BURST + " received)", afterKill < BURST);

            node.start();
            long settle = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (total(node, "filter[status][in]=pending,sending") > 0 && System.nanoTime() < settle) {
                Thread.sleep(250);
            }
            Map<String, String> status = statuses(node);
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage m : node.received()) {
                received.merge(m.getHeader("X-Pergola-Email-Id")[0], 1, Integer::sum);
            }
            Map<String, Integer> byStatus = new TreeMap<>();
            List<String> duplicates = new ArrayList<>();
            List<String> sentNotOnce = new ArrayList<>();
            int unknownDelivered = 0;
            for (String id : ids) {
                String s = status.get(id);
                byStatus.merge(String.valueOf(s), 1, Integer::sum);
                int copies = received.getOrDefault(id, 0);
                if (copies > 1) {
                    duplicates.add(id + " x" + copies);
                }
                if ("sent".equals(s) && copies != 1) {
                    sentNotOnce.add(id + " x" + copies);
                } else if ("unknown".equals(s)) {
                    unknownDelivered += copies;
                }
            }
            System.out.println("[figure] kill -9 during a burst of " + BURST + ": " + atKill + " received when the kill was"
                    + " issued, " + afterKill + " before the restart; after it: " + byStatus + "; unknown but delivered: "
                    + unknownDelivered + "; duplicates: " + duplicates.size() + " " + duplicates);
            assertEquals("none lost, none left waiting: " + byStatus, BURST,
                    byStatus.getOrDefault("sent", 0) + byStatus.getOrDefault("unknown", 0));
            assertTrue("at most the messages on the wire are unknown: " + byStatus, byStatus.getOrDefault("unknown", 0) <= 1);
            assertEquals("no message received twice", Collections.emptyList(), duplicates);
            assertEquals("every sent message was received exactly once", Collections.emptyList(), sentNotOnce);
            JsonNode health = node.get("/api/health").json();
            if (byStatus.getOrDefault("unknown", 0) > 0) {
                assertTrue(health.toString(), health.toString().contains("unknown outcome"));
            }
            node.stopKaraf();
        }
    }

    private static List<String> queueBurst(MailNode node) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String to = "burst" + i + "@example.test";
            queued.add(pool.submit(() -> node.queueTest(to)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : queued) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    private static long total(MailNode node, String filter) {
        Http.Reply reply = node.get("/api/v1/email-queue?per_page=1&" + filter);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("meta").path("total").asLong();
    }

    private static Map<String, String> statuses(MailNode node) {
        Map<String, String> status = new HashMap<>();
        for (int page = 1; page <= 10; page++) {
            Http.Reply reply = node.get("/api/v1/email-queue?per_page=100&page=" + page);
            assertEquals(reply.body(), 200, reply.status());
            JsonNode data = reply.json().path("data");
            data.forEach(e -> status.put(e.path("id").asText(), e.path("status").asText()));
            if (data.size() < 100) {
                break;
            }
        }
        return status;
    }
}
