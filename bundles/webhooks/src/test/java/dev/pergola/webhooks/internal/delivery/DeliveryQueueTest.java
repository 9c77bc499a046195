package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.api.events.EventTypes;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.webhooks.internal.FakeEventLog;
import dev.pergola.webhooks.internal.TestDatabase;
import dev.pergola.webhooks.internal.store.Backlog;
import dev.pergola.webhooks.internal.store.Claim;
import dev.pergola.webhooks.internal.store.DeliveryQueue;

/** The dispatcher and the queue on H2 and on a real PostgreSQL: what gets queued, claimed, in which order, once. */
@RunWith(Parameterized.class)
public class DeliveryQueueTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private DeliveryQueue queue;
    private final FakeEventLog log = new FakeEventLog();
    private Dispatcher dispatcher;
    private final Instant t0 = Instant.parse("2026-11-29T12:00:00Z");

    public DeliveryQueueTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase(type, POSTGRES);
        queue = new DeliveryQueue(db.dataSource, db.postgres());
        dispatcher = new Dispatcher(queue, log, Clock.fixed(t0, ZoneOffset.UTC));
    }

    private static Map<String, Object> target(String id) {
        return Map.of("target", Map.of("type", "webhook", "id", id));
    }

    @Test
    public void theFirstRunStartsAtTheNewestEventThenEachEventIsQueuedOncePerMatchingSubscription() throws Exception {
        log.add("user.created", Map.of());
        log.add("role.created", Map.of());
        assertEquals(0, dispatcher.dispatchOnce(100));
        assertEquals(2, db.count("SELECT last_sequence FROM webhook_cursor"));

        db.webhook("wh_users", "user.*", true, "http://a.test/");
        db.webhook("wh_all", "*", true, "http://b.test/");
        db.webhook("wh_roles", "role.created,role.deleted", true, "http://c.test/");
        db.webhook("wh_off", "*", false, "http://d.test/");
        log.add("user.created", Map.of("after", Map.of("username", "alice")));
        log.add("user.role_assigned", Map.of());
        log.add("role.updated", Map.of());
        log.add(EventTypes.WEBHOOK_DELIVERY_FAILED, target("wh_all"));
        assertEquals(4, dispatcher.dispatchOnce(100));
        assertEquals(6, db.count("SELECT last_sequence FROM webhook_cursor"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_users'"));
        assertEquals("its own delivery_failed is not sent back to a failing subscriber", 3,
                db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_all'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_roles'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_off'"));
        assertEquals(0, dispatcher.dispatchOnce(100));
        assertEquals("nothing queued twice", 5, db.count("SELECT COUNT(*) FROM webhook_deliveries"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE payload LIKE '%\"username\":\"alice\"%'"
                + " AND payload LIKE '{\"id\":\"evt_%\",\"type\":\"user.created\",\"timestamp\":\"%'"));
    }

    @Test
    public void anAlertGoesToTheSubscriptionsItsRuleNamesOnceEvenWhenTheirFilterDoesNotNameIt() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_named", "user.*", true, "http://a.test/");
        db.webhook("wh_both", "alert.*", true, "http://b.test/");
        db.webhook("wh_other", "user.*", true, "http://c.test/");
        db.webhook("wh_named_off", "user.*", false, "http://d.test/");
        List<String> named = List.of("wh_named", "wh_both", "wh_named_off", "wh_unknown");
        log.add(EventTypes.ALERT_TRIGGERED, Map.of("alert_id", "a1", "webhook_ids", named));
        log.add(EventTypes.ALERT_RESOLVED, Map.of("alert_id", "a1", "webhook_ids", named));
        log.add("user.created", Map.of("webhook_ids", List.of("wh_both")));
        assertEquals(3, dispatcher.dispatchOnce(10));
        assertEquals(2, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_named'"
                + " AND event_type LIKE 'alert.%'"));
        assertEquals("named and subscribed: still one delivery per event", 2,
                db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_both'"
                        + " AND event_type LIKE 'alert.%'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_other'"));
        assertEquals("an inactive subscription gets nothing", 0,
                db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = 'wh_named_off'"));
        assertEquals("only alert events are routed by their webhook_ids", 0, db.count("SELECT COUNT(*) FROM"
                + " webhook_deliveries WHERE event_type = 'user.created' AND webhook_id = 'wh_both'"));
    }

    @Test
    public void aBatchLimitLeavesTheRestForTheNextRun() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        for (int i = 0; i < 5; i++) {
            log.add("user.updated", Map.of());
        }
        assertEquals(3, dispatcher.dispatchOnce(3));
        assertEquals(2, dispatcher.dispatchOnce(3));
        assertEquals(5, db.count("SELECT COUNT(DISTINCT sequence) FROM webhook_deliveries"));
    }

    @Test
    public void oneInFlightPerSubscriptionAndTheNextWaitsForTheEarlierOne() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        db.webhook("wh_b", "user.*", true, "http://b.test/");
        log.add("user.created", Map.of());
        log.add("role.created", Map.of());
        log.add("role.deleted", Map.of());
        dispatcher.dispatchOnce(10);

        List<Claim> first = queue.claim(10, t0, LEASE);
        assertEquals(2, first.size());
        Claim a1 = byWebhook(first, "wh_a");
        assertEquals("user.created", a1.eventType());
        assertEquals("http://a.test/", a1.url());
        assertTrue(queue.claim(10, t0, LEASE).isEmpty());

        // a1 fails: it is retried later, and the role events wait behind it
        assertTrue(queue.failed(a1, 503, "HTTP 503", 12, t0.plusSeconds(30)));
        assertTrue(queue.claim(10, t0.plusSeconds(10), LEASE).isEmpty());
        Claim retry = queue.claim(10, t0.plusSeconds(31), LEASE).get(0);
        assertEquals(a1.id(), retry.id());
        assertEquals(1, retry.attempts());
        assertTrue(queue.delivered(retry, 200, 5, t0.plusSeconds(31)));
        Claim a2 = queue.claim(10, t0.plusSeconds(31), LEASE).get(0);
        assertEquals("role.created", a2.eventType());
        assertTrue(queue.delivered(a2, 204, 5, t0.plusSeconds(31)));
        assertEquals("role.deleted", queue.claim(10, t0.plusSeconds(31), LEASE).get(0).eventType());
    }

    @Test
    public void releasingLeasesAfterARestoreMakesLeasedDeliveriesClaimableAtOnce() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        log.add("user.created", Map.of());
        dispatcher.dispatchOnce(10);
        Claim leased = queue.claim(10, t0, LEASE).get(0);
        assertTrue("leased for a minute", queue.claim(10, t0.plusSeconds(1), LEASE).isEmpty());
        assertEquals(1, queue.releaseLeases());
        Claim again = queue.claim(10, t0.plusSeconds(1), LEASE).get(0);
        assertEquals(leased.id(), again.id());
        assertFalse("the old lease can no longer write an outcome", queue.delivered(leased, 200, 1, t0.plusSeconds(2)));
        assertTrue(queue.delivered(again, 200, 1, t0.plusSeconds(2)));
    }

    @Test
    public void aLostLeaseCannotOverwriteTheNextAttempt() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        log.add("user.created", Map.of());
        dispatcher.dispatchOnce(10);
        Claim slow = queue.claim(1, t0, LEASE).get(0);
        Claim again = queue.claim(1, t0.plus(LEASE).plusSeconds(1), LEASE).get(0);
        assertEquals(slow.id(), again.id());
        assertFalse(queue.delivered(slow, 200, 1, t0));
        assertTrue(queue.delivered(again, 200, 1, t0));
        assertEquals(1, db.count("SELECT attempts FROM webhook_deliveries"));
    }

    @Test
    public void givingUpRunsTheAuditPartInTheSameTransactionAndUnblocksTheNext() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        log.add("user.created", Map.of());
        log.add("user.updated", Map.of());
        dispatcher.dispatchOnce(10);
        Claim c = queue.claim(1, t0, LEASE).get(0);
        AtomicBoolean inTransaction = new AtomicBoolean();
        assertTrue(queue.gaveUp(c, null, "refused", 0, tx -> inTransaction.set(!autoCommit(tx))));
        assertTrue(inTransaction.get());
        assertEquals(1, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'gave_up'"));
        assertEquals("user.updated", queue.claim(1, t0, LEASE).get(0).eventType());
    }

    @Test
    public void theBacklogCountsLateDeliveriesAndFailingSubscriptions() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        log.add("user.created", Map.of());
        dispatcher.dispatchOnce(10);
        Claim c = queue.claim(1, t0, LEASE).get(0);
        queue.failed(c, 500, "HTTP 500", 3, t0);
        c = queue.claim(1, t0, LEASE).get(0);
        queue.failed(c, 500, "HTTP 500", 3, t0);
        Backlog b = queue.backlog(t0.plusSeconds(60), Duration.ofSeconds(30), 2);
        assertEquals(1, b.waiting());
        assertEquals(1, b.late());
        assertEquals(Map.of("wh_a", 2), b.failing());
        assertEquals(0, queue.backlog(t0.plusSeconds(10), Duration.ofSeconds(30), 3).late());
    }

    @Test
    public void deletingASubscriptionDropsItsDeliveries() throws Exception {
        dispatcher.dispatchOnce(10);
        db.webhook("wh_a", "*", true, "http://a.test/");
        log.add("user.created", Map.of());
        dispatcher.dispatchOnce(10);
        try (Connection c = db.dataSource.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM webhooks WHERE id = 'wh_a'");
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM webhook_deliveries"));
    }

    /** Several workers and two dispatchers at once: every delivery sent once, in order per subscription. */
    @Test
    public void concurrentWorkersSendEverythingOnceInOrder() throws Exception {
        dispatcher.dispatchOnce(10);
        for (int w = 0; w < 5; w++) {
            db.webhook("wh_" + w, "*", true, "http://" + w + ".test/");
        }
        for (int i = 0; i < 40; i++) {
            log.add("user.updated", Map.of("n", i));
        }
        Dispatcher other = new Dispatcher(queue, log, Clock.fixed(t0, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        for (Dispatcher d : List.of(dispatcher, other)) {
            pool.execute(() -> {
                await(go);
                while (d.dispatchOnce(7) != 0) {
                    Thread.onSpinWait();
                }
            });
        }
        Map<String, List<String>> sent = new ConcurrentHashMap<>();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        for (int worker = 0; worker < 4; worker++) {
            pool.execute(() -> {
                await(go);
                long idleUntil = System.currentTimeMillis() + 3000;
                while (System.currentTimeMillis() < idleUntil) {
                    List<Claim> claims = queue.claim(3, t0, LEASE);
                    for (Claim c : claims) {
                        if (seen.putIfAbsent(c.id(), true) != null) {
                            duplicates.add(c.id());
                        }
                        sent.computeIfAbsent(c.webhookId(), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(c.payload());
                        queue.delivered(c, 200, 1, t0);
                    }
                    if (!claims.isEmpty()) {
                        idleUntil = System.currentTimeMillis() + 1500;
                    }
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), duplicates);
        assertEquals(5, sent.size());
        for (List<String> payloads : sent.values()) {
            assertEquals(40, payloads.size());
            Map<String, Integer> order = new HashMap<>();
            for (int i = 0; i < payloads.size(); i++) {
                assertTrue(payloads.get(i), payloads.get(i).contains("\"n\":" + i + "}"));
                order.put(payloads.get(i), i);
            }
        }
        assertEquals(200, db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'"));
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean autoCommit(Connection c) {
        try {
            return c.getAutoCommit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Claim byWebhook(List<Claim> claims, String id) {
        return claims.stream().filter(c -> c.webhookId().equals(id)).findFirst().orElseThrow();
    }
}
