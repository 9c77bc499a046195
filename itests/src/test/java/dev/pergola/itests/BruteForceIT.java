package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Brute force from one address: the account locks after a handful of evaluated passwords, everything after
 * is refused unevaluated with 429 and Retry-After, for known and unknown names alike; the lock expires.
 * The lock lasts 15 s here (etc/dev.pergola.auth.throttle.cfg): longer than a thousand attempts take on a
 * loaded 2-core machine (at 5 s the lock once ended mid-hammering), short enough to watch it end, and comes after 8 free
 * failures, a 1 s delay and one more: attempts refused during a wait count for nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BruteForceIT {
    @Inject
    private BundleContext context;

    private Http http;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.seconds", "15"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.free.attempts", "8"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.after", "10"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.free.attempts", "60"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.after", "200"),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "anonymous.per.minute", "20"));
    }

    @Before
    public void setUp() {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(60)).status());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "dev/pergola/auth/*");
        context.registerService(EventHandler.class, events::add, props);
    }

    private Http.Reply login(String username, String password) {
        return http.post("/api/v1/auth/login", "application/json",
                BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    }

    @Test
    public void aThousandWrongPasswordsLockTheAccountAfterAFewEvaluations() throws Exception {
        int evaluated = 0;
        int throttled = 0;
        Http.Reply last = null;
        long hammerUntil = System.currentTimeMillis() + 3000; // past the 1 s delay, whatever the machine's speed
        for (int i = 0; i < 1000 || System.currentTimeMillis() < hammerUntil; i++) {
            last = login("admin", "wrong-password-" + i);
            if (last.status() == 401) {
                evaluated++;
            } else {
                assertEquals(last.body(), 429, last.status());
                assertEquals("TOO_MANY_ATTEMPTS", last.json().path("error").path("code").asText());
                assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
                throttled++;
            }
        }
        System.out.printf("1000 wrong passwords: %d evaluated, %d refused unevaluated%n", evaluated, throttled);
        assertEquals("8 free, one after the delay, the 10th locks; refusals count for nothing", 10, evaluated);
        assertTrue(throttled >= 990);

        Http.Reply right = login("admin", Admin.password());
        assertEquals("even the right password waits out the lock", 429, right.status());
        awaitEvent("locked");
        assertTrue("the lock is an audit record, posted as auth.locked", events.stream().anyMatch(e -> e.getTopic()
                .endsWith("/locked") && "admin".equals(data(e).get("username")) && "account".equals(data(e).get("scope"))));

        Thread.sleep(Long.parseLong(right.header("Retry-After")) * 1000 + 500);
        assertEquals("the right password works once the lock expires", 200, login("admin", Admin.password()).status());
        awaitEvent("unlocked");
        assertTrue(events.stream().anyMatch(e -> e.getTopic().endsWith("/unlocked") && "admin".equals(data(e).get("username"))));
    }

    @Test
    public void anonymousCallersGetTheirBudgetWithHeadersThen429() {
        Http.Reply first = http.get("/api/openapi.json");
        assertEquals(200, first.status());
        assertEquals("20", first.header("X-RateLimit-Limit"));
        int remaining = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        assertTrue(first.header("X-RateLimit-Reset") != null);
        Http.Reply last = first;
        for (int i = 0; i < 25 && last.status() == 200; i++) {
            last = http.get("/api/openapi.json");
        }
        assertEquals("after " + remaining + " more", 429, last.status());
        assertEquals("RATE_LIMIT_EXCEEDED", last.json().path("error").path("code").asText());
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        assertEquals("0", last.header("X-RateLimit-Remaining"));
        assertEquals("health probes are never limited", 200, http.get("/api/health/live").status());
    }

    private static java.util.Map<String, Object> data(Event e) {
        return dev.pergola.api.events.PergolaEvent.fromProperties(e::getProperty).data();
    }

    private void awaitEvent(String suffix) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (events.stream().noneMatch(e -> e.getTopic().endsWith("/" + suffix)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    public void unknownNamesAreThrottledExactlyLikeKnownOnes() {
        String ghost = "ghost-" + UUID.randomUUID();
        int evaluated = 0;
        for (int i = 0; i < 100; i++) {
            if (login(ghost, "whatever").status() == 401) {
                evaluated++;
            }
        }
        assertTrue("evaluated " + evaluated, evaluated <= 20);
        assertEquals(429, login(ghost, "whatever").status());
    }
}
