package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The web console and the login paths attacked from outside: a cross-site form POST to the console, a flood of
 * random bearer tokens, an account locked by an attacker while its owner signs in from elsewhere. Loopback is a
 * trusted proxy here, so {@code X-Forwarded-For} plays the part of other client addresses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleSecurityIT {
    private static final String CONSOLE = "/system/console";

    @Inject
    private BundleContext context;

    private Http http;
    private int port;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.proxy.cfg", "trusted.proxies", "127.0.0.1"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.free.attempts", "8"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.after", "10"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.seconds", "120"),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "anonymous.per.minute", "30"),
                editConfigurationFilePut("etc/dev.pergola.console.cfg", "per.minute", "100"));
    }

    @Before
    public void setUp() {
        port = Integer.getInteger(PergolaExam.HTTP_PORT);
        http = new Http(port);
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(60)).status());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Reply consolePost(String path, String... headers) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CONSOLE + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("action=start")), headers);
    }

    private long bundleId(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getBundleId();
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void aCrossSiteConsolePostIsRefusedWhileScriptsAndTheConsolesOwnPagesWork() throws Exception {
        Bundle target = context.getBundle(bundleId("org.apache.karaf.webconsole.instance"));
        target.stop();
        try {
            String path = "/bundles/" + target.getBundleId();
            String admin = basic("admin", Admin.password());
            Http.Reply forged = consolePost(path, "Authorization", admin, "Origin", "http://evil.example");
            assertEquals(forged.body(), 403, forged.status());
            assertEquals("PERMISSION_DENIED", forged.json().path("error").path("code").asText());
            assertEquals("the forged form started nothing", Bundle.RESOLVED, target.getState());
            assertEquals(403, consolePost(path, "Authorization", admin, "Referer", "http://evil.example/x.html").status());
            assertEquals(403, consolePost(path, "Authorization", admin, "Origin", "null").status());

            Http.Reply own = consolePost(path, "Authorization", admin, "Origin", "http://127.0.0.1:" + port);
            assertEquals(own.body(), 200, own.status());
            assertEquals(Bundle.ACTIVE, target.getState());
            target.stop();
            Http.Reply script = consolePost(path, "Authorization", admin);
            assertEquals("curl -u with no Origin still works", 200, script.status());
            assertEquals(Bundle.ACTIVE, target.getState());
        } finally {
            target.start();
        }
    }

    @Test
    public void consoleResponsesCarryACspAndOnlyStrictSameSiteCookies() throws Exception {
        Http.Reply page = http.get(CONSOLE + "/bundles", "Authorization", basic("admin", Admin.password()));
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy"), page.header("Content-Security-Policy")
                .contains("frame-ancestors 'none'"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        List<String> cookies = page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).toList();
        assertFalse("the console opens a session on sign-in", cookies.isEmpty());
        for (String cookie : cookies) {
            assertTrue(cookie, cookie.contains("SameSite=Strict"));
        }
        Http.Reply refused = http.get(CONSOLE + "/bundles");
        assertEquals(401, refused.status());
        assertTrue(refused.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    public void aFloodOfRandomBearerTokensGets429() {
        String from = "203.0.113.77";
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            Http.Reply r = http.get("/api/v1/auth/me", "Authorization", "Bearer " + UUID.randomUUID(),
                    "X-Forwarded-For", from);
            if (r.status() == 429) {
                assertEquals("RATE_LIMIT_EXCEEDED", r.json().path("error").path("code").asText());
                assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
                limited++;
            } else {
                assertEquals(401, r.status());
            }
        }
        assertTrue("bad tokens are counted before authentication: " + limited + " of 60 limited", limited >= 25);
    }

    @Test
    public void aConsoleFloodFromOneAddressGets429WhileOthersAreServed() throws Exception {
        String from = "203.0.113.88";
        int limited = 0;
        // each refused sign-in is also an audit record: the flood runs a little slower than the bucket refills
        for (int i = 0; i < 200; i++) {
            Http.Reply r = http.get(CONSOLE + "/bundles", "Authorization", basic("nobody-" + i, "x"), "X-Forwarded-For", from);
            if (r.status() == 429) {
                limited++;
            }
        }
        assertTrue("limited " + limited, limited >= 25);
        assertEquals(200, http.get(CONSOLE + "/bundles", "Authorization", basic("admin", Admin.password())).status());
    }

    @Test
    public void aLockedAccountStillSignsInWithTheRightPasswordFromACleanAddress() throws Exception {
        String user = "owner" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct-horse-battery-staple-9";
        String token = Admin.login(http);
        Http.Reply created = http.post("/api/v1/users", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + user + "\",\"email\":\"" + user + "@example.com\",\"password\":\"" + password
                        + "\",\"roles\":[\"admin\"]}"), "Authorization", "Bearer " + token);
        assertEquals(created.body(), 201, created.status());

        String attacker = "198.51.100.7";
        int wrong = 0;
        long deadline = System.currentTimeMillis() + 20_000;
        Http.Reply last = null;
        while (System.currentTimeMillis() < deadline) {
            last = login(user, "wrong-" + wrong, attacker);
            if (last.status() == 401) {
                wrong++;
            } else if (last.body().contains("locked")) {
                break;
            } else {
                assertEquals(last.body(), 429, last.status());
                Thread.sleep(Long.parseLong(last.header("Retry-After")) * 1000);
            }
        }
        assertTrue("locked after " + wrong + ": " + last.body(), last.body().contains("locked"));
        assertEquals(10, wrong);
        assertEquals("the attacker's address waits out the lock", 429, login(user, password, attacker).status());
        assertEquals("the console refuses the attacker's address too", 401, http.get(CONSOLE + "/bundles",
                "Authorization", basic(user, password), "X-Forwarded-For", attacker).status());

        Http.Reply owner = login(user, password, "192.0.2.10");
        assertEquals("the owner signs in from a clean address: " + owner.body(), 200, owner.status());
        assertEquals("and through the console", 200, http.get(CONSOLE + "/bundles", "Authorization",
                basic(user, password), "X-Forwarded-For", "192.0.2.11").status());
        Http.Reply guess = login(user, "another-guess", "192.0.2.12");
        assertEquals(401, guess.status());
        assertNotEquals("a clean address gets one guess, not a budget", 200,
                login(user, password, "192.0.2.12").status());
    }

    private Http.Reply login(String username, String password, String from) {
        return http.post("/api/v1/auth/login", "application/json",
                BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"),
                "X-Forwarded-For", from);
    }
}
