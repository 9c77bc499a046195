package dev.pergola.identity.internal.throttle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.identity.internal.audit.RecordingAuditTrail;
import dev.pergola.identity.internal.client.ClientAddress;

public class LoginThrottleTest {
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock clock = new MutableClock();

    private static ClientAddress ip(String literal) {
        return ClientAddress.parse(literal).orElseThrow();
    }

    private LoginThrottle throttle(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("lockout_free_attempts", 5, "lockout_after", 10,
                "lockout_seconds", 60, "login_concurrent_hashes", 1000));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new LoginThrottle(audit.identityAudit(), config(values), clock);
    }

    private static Optional<String> wrong(LoginThrottle throttle, String login, ClientAddress from) {
        return throttle.attempt(login, from, Optional::empty);
    }

    private static Optional<String> right(LoginThrottle throttle, String login, ClientAddress from) {
        return throttle.attempt(login, from, () -> Optional.of(login));
    }

    private static PergolaException refused(Runnable attempt) {
        try {
            attempt.run();
        } catch (PergolaException e) {
            return e;
        }
        throw new AssertionError("the attempt was let through");
    }

    @Test
    public void concurrentAttemptsCannotAllPassTheCheckBeforeTheirHashesFinish() throws Exception {
        LoginThrottle throttle = throttle();
        int callers = 40;
        CountDownLatch hashing = new CountDownLatch(1);
        AtomicInteger evaluated = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
            ClientAddress from = ip("10.0.1." + (i + 1));
            pool.execute(() -> {
                try {
                    throttle.attempt("ann", from, () -> {
                        evaluated.incrementAndGet();
                        await(hashing); // a slow hash: every other caller arrives meanwhile
                        return Optional.empty();
                    });
                } catch (PergolaException e) {
                    assertEquals("TOO_MANY_ATTEMPTS", e.code());
                    refused.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (evaluated.get() + refused.get() < callers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        hashing.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertEquals("only the 5 free attempts are hashed at once", 5, evaluated.get());
        assertEquals(callers - 5, refused.get());
    }

    @Test
    public void aFullHashCapRefusesAtOnceWith503() {
        LoginThrottle throttle = throttle("login_concurrent_hashes", 2);
        LoginAttempt one = throttle.begin("a", ip("10.0.0.1"));
        LoginAttempt two = throttle.begin("b", ip("10.0.0.2"));
        PergolaException busy = refused(() -> throttle.begin("c", ip("10.0.0.3")));
        assertEquals("SERVICE_UNAVAILABLE", busy.code());
        assertEquals("1", retryAfter(busy));
        one.close();
        try (LoginAttempt three = throttle.begin("c", ip("10.0.0.3"))) {
            three.succeeded();
        }
        two.close();
        assertEquals("a refusal for lack of permits counted nothing", Optional.of("c"), right(throttle, "c", ip("10.0.0.3")));
    }

    @Test
    public void refusedAttemptsDoNotExtendTheLockNorCountAsFailures() {
        LoginThrottle throttle = throttle();
        ClientAddress attacker = ip("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            wrong(throttle, "ann", attacker);
        }
        wrong(throttle, "ann", attacker); // 6th: a 1 s delay
        for (int i = 0; i < 50; i++) {
            assertEquals("TOO_MANY_ATTEMPTS", refused(() -> wrong(throttle, "ann", attacker)).code());
        }
        assertFalse("hammering during the delay did not turn it into a lock", audit.actions().contains(EventTypes.AUTH_LOCKED));
        clock.advance(Duration.ofSeconds(2));
        wrong(throttle, "ann", attacker);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(9));
            wrong(throttle, "ann", attacker);
        }
        assertTrue("the 10th evaluated failure locks", audit.actions().contains(EventTypes.AUTH_LOCKED));
        PergolaException locked = refused(() -> wrong(throttle, "ann", attacker));
        assertTrue(locked.getMessage(), locked.getMessage().contains("locked"));
        assertEquals("60", retryAfter(locked));
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            refused(() -> right(throttle, "ann", attacker));
        }
        assertEquals("30", retryAfter(refused(() -> wrong(throttle, "ann", attacker))));
        clock.advance(Duration.ofSeconds(30));
        assertEquals("the lock ended when announced", Optional.of("ann"), right(throttle, "ann", attacker));
    }

    @Test
    public void aRightPasswordFromACleanAddressPassesALockCausedElsewhere() {
        LoginThrottle throttle = throttle();
        ClientAddress attacker = ip("198.51.100.7");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            wrong(throttle, "admin", attacker);
        }
        assertTrue(audit.actions().contains(EventTypes.AUTH_LOCKED));
        AuditEntry lock = audit.written.stream().map(w -> w.entry())
                .filter(e -> e.action().equals(EventTypes.AUTH_LOCKED)).findFirst().orElseThrow();
        assertEquals("account", lock.details().get("scope"));
        assertEquals("admin", lock.details().get("username"));
        assertEquals("admin", lock.targetName());
        assertEquals("denied", lock.outcome().toString());
        assertTrue("a lock says when it ends", lock.details().containsKey("until"));
        assertEquals("the attacker's address waits", "TOO_MANY_ATTEMPTS",
                refused(() -> right(throttle, "admin", attacker)).code());
        assertEquals("the owner at home signs in", Optional.of("admin"), right(throttle, "admin", ip("192.0.2.10")));

        ClientAddress other = ip("203.0.113.9");
        assertEquals("a wrong password from a clean address is just wrong", Optional.empty(),
                wrong(throttle, "admin", other));
        assertEquals("and that address is no longer clean", "TOO_MANY_ATTEMPTS",
                refused(() -> right(throttle, "admin", other)).code());
        String before = retryAfter(refused(() -> right(throttle, "admin", attacker)));
        assertEquals("the lock was not lengthened by the clean addresses' attempts", "60", before);
        assertEquals(Optional.of("admin"), right(throttle, "admin", ip("192.0.2.10")));
    }

    @Test
    public void anAddressLockAppliesToThatAddressOnly() {
        LoginThrottle throttle = throttle("lockout_address_free_attempts", 2, "lockout_address_after", 3);
        ClientAddress sprayer = ip("10.9.9.9");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(5));
            wrong(throttle, "user" + i, sprayer);
        }
        assertEquals("TOO_MANY_ATTEMPTS", refused(() -> right(throttle, "bob", sprayer)).code());
        assertEquals(Optional.of("bob"), right(throttle, "bob", ip("10.9.9.10")));
    }

    @Test
    public void ipv6AddressesOfOneSlash64ShareABudget() {
        LoginThrottle throttle = throttle("lockout_address_free_attempts", 2, "lockout_address_after", 3);
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(5));
            wrong(throttle, "user" + i, ip("2001:db8:0:1::" + i));
        }
        assertEquals("another address of the same /64 is locked too", "TOO_MANY_ATTEMPTS",
                refused(() -> right(throttle, "zoe", ip("2001:db8:0:1:ffff:ffff:ffff:9"))).code());
        assertEquals("the next /64 is not", Optional.of("zoe"), right(throttle, "zoe", ip("2001:db8:0:2::1")));
    }

    @Test
    public void countersAreBoundedAndTheLeastRecentlyUsedGoFirst() {
        LoginThrottle throttle = throttle("login_tracked_keys", 1000);
        ClientAddress owner = ip("192.0.2.1");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            wrong(throttle, "victim", owner);
        }
        for (int i = 0; i < 5000; i++) {
            throttle.attempt("random-" + i, null, Optional::empty);
            if (i % 500 == 0) {
                refused(() -> right(throttle, "victim", owner)); // in use: stays
            }
        }
        assertTrue("tracked " + throttle.trackedAccounts(), throttle.trackedAccounts() <= 1000);
        assertEquals("the lock in use survived the flood of new names", "TOO_MANY_ATTEMPTS",
                refused(() -> right(throttle, "victim", owner)).code());
    }

    @Test
    public void settingsChangeWithoutForgettingCounters() {
        LoginThrottle throttle = throttle();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            wrong(throttle, "ann", ip("10.0.0.1"));
        }
        throttle.configure(config(Map.of("lockout_free_attempts", 5, "lockout_after", 10, "lockout_seconds", 60,
                "login_concurrent_hashes", 3)));
        assertEquals(3, throttle.hashPermits());
        assertEquals("TOO_MANY_ATTEMPTS", refused(() -> right(throttle, "ann", ip("10.0.0.1"))).code());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                fail("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configuration with some values set, the rest at their declared defaults. */
    static ThrottleConfig config(Map<String, Object> values) {
        return (ThrottleConfig) Proxy.newProxyInstance(ThrottleConfig.class.getClassLoader(), new Class<?>[] {ThrottleConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    public void aLoginNameCannotForgeLogLines() {
        String forged = LoginThrottle.printable("eve\r\n2026-11-29 INFO | Login succeeded for admin");
        org.junit.Assert.assertFalse(forged.contains("\n") || forged.contains("\r"));
        org.junit.Assert.assertTrue(forged.startsWith("eve??"));
    }

    /** The Retry-After header the REST bundle sends for this failure (whole seconds, at least 1). */
    private static String retryAfter(PergolaException e) {
        return e.retryAfter().map(d -> Long.toString(Math.max(1, d.toSeconds()))).orElse(null);
    }
}
