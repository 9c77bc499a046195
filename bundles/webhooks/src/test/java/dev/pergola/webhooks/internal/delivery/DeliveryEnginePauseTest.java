package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import dev.pergola.webhooks.internal.FakeEventLog;
import dev.pergola.webhooks.internal.Fakes;
import dev.pergola.webhooks.internal.Secrets;
import dev.pergola.webhooks.internal.TestDatabase;
import dev.pergola.webhooks.internal.store.DeliveryQueue;
import dev.pergola.webhooks.internal.store.QueuedDelivery;

/** What a restore relies on: pause waits for the attempt in flight and starts nothing new until resumed. */
public class DeliveryEnginePauseTest {
    private final Fakes.Box box = new Fakes.Box();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer receiver;
    private TestDatabase db;
    private DeliveryQueue queue;
    private DeliveryEngine engine;

    @Before
    public void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if ("slow".equals(exchange.getRequestHeaders().getFirst("X-Pergola-Delivery").substring(4, 8))) {
                await(release); // the attempt in flight when the restore begins
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        db = new TestDatabase("h2", null);
        queue = new DeliveryQueue(db.dataSource, false);
        db.webhook("wh_a", "*", true, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE webhooks SET secret = ? WHERE id = 'wh_a'")) {
            s.setString(1, Secrets.seal(box, "wh_a", "whsec_pause"));
            s.executeUpdate();
        }
        engine = new DeliveryEngine(queue, new FakeEventLog(), box, new Fakes.Audit(),
                config(Map.of("allowed_hosts", "127.0.0.1", "poll_interval_ms", 50L)));
    }

    @After
    public void tearDown() throws Exception {
        release.countDown();
        engine.stop();
        receiver.stop(0);
    }

    @Test
    public void pauseWaitsForTheAttemptInFlightAndNothingStartsUntilResumed() throws Exception {
        queue.enqueue(new QueuedDelivery("dlv_slow_1", "wh_a", "evt_1", "user.updated", 1, "{}"), Instant.now());
        waitFor(() -> count("claim_token IS NOT NULL") == 1); // leased: the attempt is under way
        Thread releaser = new Thread(() -> {
            sleep(700);
            release.countDown();
        });
        releaser.start();
        long start = System.nanoTime();
        engine.pause(Duration.ofSeconds(10));
        assertTrue("pause returned only after the attempt in flight ended",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 500);
        assertEquals("its outcome is written", 1, count("status = 'delivered'"));

        queue.enqueue(new QueuedDelivery("dlv_fast_2", "wh_a", "evt_2", "user.updated", 2, "{}"), Instant.now());
        sleep(800);
        assertEquals("nothing is claimed while paused", 0, count("claim_token IS NOT NULL OR id = 'dlv_fast_2'"
                + " AND status <> 'pending'"));

        engine.resume();
        waitFor(() -> count("status = 'delivered'") == 2);
    }

    private long count(String where) {
        try {
            return db.count("SELECT COUNT(*) FROM webhook_deliveries WHERE " + where);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue("not within 10 s", System.nanoTime() < deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The typed configuration with its defaults, some overridden (names as the methods). */
    static WebhooksConfig config(Map<String, Object> overrides) {
        return (WebhooksConfig) Proxy.newProxyInstance(WebhooksConfig.class.getClassLoader(),
                new Class<?>[] {WebhooksConfig.class}, (p, m, args) -> overrides.containsKey(m.getName())
                        ? overrides.get(m.getName()) : m.getDefaultValue());
    }
}
