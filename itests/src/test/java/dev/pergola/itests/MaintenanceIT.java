package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
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

import dev.pergola.api.platform.Maintenance;

/**
 * Maintenance mode seen from outside (what a restore relies on): everyone but health, status, signing in and holders
 * of {@link Maintenance#BYPASS_PERMISSION} gets 503 with Retry-After, and everything is served again once the last
 * handle is closed. {@link #assertRefused} is the assertion other ITs (backup restore) can reuse.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MaintenanceIT {
    private static final String PASSWORD = "Maintenance-IT-pw-42";

    @Inject
    private Maintenance maintenance;

    private Http http;
    private String admin;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
    }

    /** A refusal by the maintenance gate: 503, the envelope's code, a Retry-After. */
    static void assertRefused(String what, Http.Reply reply) {
        assertEquals(what + ": " + reply.body(), 503, reply.status());
        assertEquals(what, "SERVICE_UNAVAILABLE", reply.json().path("error").path("code").asText());
        assertFalse(what + " without Retry-After", reply.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).findFirst().map(h -> h.getValue().isEmpty())
                .orElse(true));
    }

    @Test
    public void onlyHealthStatusSignInAndTheBypassPermissionAreServedDuringMaintenance() throws Exception {
        String name = "maint-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, send("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"user\"]}", admin).status());
        try (Maintenance.Handle handle = maintenance.enter("restore of a backup (MaintenanceIT)")) {
            assertRefused("anonymous", http.get("/api/v1/users"));
            assertEquals("a bad token is refused by authentication first, as always", 401,
                    http.get("/api/v1/plugins", "Authorization", "Bearer nope").status());
            assertEquals(200, http.get("/api/health").status());
            assertEquals(200, http.get("/api/health/live").status());
            assertEquals("status passes the gate (and needs admin.monitoring.view as always)", 401,
                    http.get("/api/v1/status").status());
            assertEquals(200, http.get("/api/v1/status", "Authorization", admin).status());

            Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                    "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"));
            assertEquals("signing in works: " + login.body(), 200, login.status());
            String user = "Bearer " + login.json().path("data").path("access_token").asText();
            assertEquals(200, http.get("/api/v1/auth/me", "Authorization", user).status());
            assertRefused("a user without " + Maintenance.BYPASS_PERMISSION, http.get("/api/v1/auth/sessions",
                    "Authorization", user));

            assertEquals("the administrator holds the bypass", 200,
                    http.get("/api/v1/users", "Authorization", admin).status());
        }
        assertFalse(maintenance.active());
        assertEquals(200, http.get("/api/v1/users", "Authorization", admin).status());
        assertEquals(401, http.get("/api/v1/users").status());
    }

    private Http.Reply send(String method, String path, String json, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path));
        b.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        return http.send(b, "Authorization", auth);
    }
}
