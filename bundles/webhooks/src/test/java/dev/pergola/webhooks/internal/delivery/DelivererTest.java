package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSocketFactory;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import dev.pergola.api.events.EventTypes;
import dev.pergola.webhooks.internal.Fakes;
import dev.pergola.webhooks.internal.QueuedDeliveries;
import dev.pergola.webhooks.internal.Secrets;
import dev.pergola.webhooks.internal.TestDatabase;
import dev.pergola.webhooks.internal.store.Claim;
import dev.pergola.webhooks.internal.store.DeliveryQueue;

/** One attempt against a real HTTP receiver on loopback: headers, signature, retries, giving up, refused targets. */
public class DelivererTest {
    private static final String SECRET = "whsec_unit_test_secret";
    private final Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Fakes.Box box = new Fakes.Box();
    private final Fakes.Audit audit = new Fakes.Audit();
    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer receiver;
    private TestDatabase db;
    private DeliveryQueue queue;
    private Deliverer deliverer;

    @Before
    public void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        db = new TestDatabase("h2", null);
        queue = new DeliveryQueue(db.dataSource, false);
        deliverer = new Deliverer(queue, box, audit, new PinnedPost((SSLSocketFactory) SSLSocketFactory.getDefault()),
                Clock.fixed(now, ZoneOffset.UTC));
        db.webhook("wh_a", "*", true, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?x=1");
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE webhooks SET secret = ? WHERE id = 'wh_a'")) {
            s.setString(1, Secrets.seal(box, "wh_a", SECRET));
            s.executeUpdate();
        }
    }

    @After
    public void tearDown() {
        receiver.stop(0);
    }

    private Deliverer.Settings settings(String allowed, int maxAttempts) {
        return new Deliverer.Settings(new AddressGuard(allowed), Duration.ofSeconds(2), Duration.ofSeconds(2),
                new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(1)), maxAttempts);
    }

    private Claim queued() {
        QueuedDeliveries.add(queue, "wh_a", "{\"id\":\"evt_1\",\"type\":\"user.created\",\"data\":{\"é\":1}}", now);
        return queue.claim(1, now, Duration.ofMinutes(1)).get(0);
    }

    private String column(String sql) throws Exception {
        try (Connection c = db.dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    public void aDeliveryCarriesTheHeadersAndASignatureAPlainHmacVerifies() throws Exception {
        Claim claim = queued();
        deliverer.attempt(claim, settings("127.0.0.1", 3));
        assertEquals(1, received.size());
        Headers h = received.get(0);
        assertEquals("user.created", h.getFirst("X-Pergola-Event"));
        assertEquals(claim.id(), h.getFirst("X-Pergola-Delivery"));
        assertEquals(Long.toString(now.getEpochSecond()), h.getFirst("X-Pergola-Timestamp"));
        assertEquals("application/json", h.getFirst("Content-Type"));
        assertEquals(claim.payload(), bodies.get(0));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((h.getFirst("X-Pergola-Timestamp") + "." + bodies.get(0)).getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256=" + java.util.HexFormat.of().formatHex(expected), h.getFirst("X-Pergola-Signature"));
        assertEquals("delivered", column("SELECT status FROM webhook_deliveries"));
        assertEquals("200", column("SELECT last_status_code FROM webhook_deliveries"));
    }

    @Test
    public void aFailedAnswerIsRetriedWithBackoffThenGivenUpWithAnAuditRecord() throws Exception {
        answer.set(503);
        deliverer.attempt(queued(), settings("127.0.0.1", 2));
        assertEquals("failed", column("SELECT status FROM webhook_deliveries"));
        assertEquals("HTTP 503 Service Unavailable", column("SELECT last_error FROM webhook_deliveries"));
        assertTrue("the first retry waits the base delay", queue.claim(1, now.plusSeconds(9), Duration.ofMinutes(1)).isEmpty());
        Claim second = queue.claim(1, now.plusSeconds(10), Duration.ofMinutes(1)).get(0);
        deliverer.attempt(second, settings("127.0.0.1", 2));
        assertEquals("gave_up", column("SELECT status FROM webhook_deliveries"));
        assertEquals(2, received.size());
        assertEquals(1, audit.records.size());
        Fakes.Recorded r = audit.records.get(0);
        assertTrue(r.inTransaction());
        assertEquals(EventTypes.WEBHOOK_DELIVERY_FAILED, r.entry().action());
        assertEquals("wh_a", r.entry().targetId());
        assertEquals(second.id(), r.entry().details().get("delivery_id"));
        assertEquals(2, r.entry().details().get("attempts"));
    }

    @Test
    public void aRefusedTargetIsNeverCalledAndTheReasonIsKept() throws Exception {
        deliverer.attempt(queued(), settings("", 3));
        assertEquals(0, received.size());
        assertEquals("failed", column("SELECT status FROM webhook_deliveries"));
        String error = column("SELECT last_error FROM webhook_deliveries");
        assertTrue(error, error.startsWith("refused: 127.0.0.1 resolves to 127.0.0.1, loopback"));
    }

    @Test
    public void aReceiverThatIsDownIsAFailedAttempt() throws Exception {
        receiver.stop(0);
        deliverer.attempt(queued(), settings("127.0.0.1", 3));
        assertEquals("failed", column("SELECT status FROM webhook_deliveries"));
        assertNotNull(column("SELECT last_error FROM webhook_deliveries"));
        assertEquals(null, column("SELECT last_status_code FROM webhook_deliveries"));
    }
}
