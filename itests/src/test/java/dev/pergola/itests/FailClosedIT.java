package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

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
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fail closed, seen from outside: without the identity bundle nothing but liveness is served; a resource that
 * forgets to select the platform application is never served; health tells anonymous callers no internals;
 * what Jetty answers before any servlet runs still comes in the error envelope, with the security headers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FailClosedIT {
    @Inject
    private BundleContext context;

    private Http http;
    private int port;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() {
        port = Integer.getInteger(PergolaExam.HTTP_PORT);
        http = new Http(port);
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(60)).status());
    }

    private static void assertEnvelope(String context, int status, String code, int actual, String body) {
        assertEquals(context + ": " + body, status, actual);
        assertTrue(context + ": " + body, body.contains("\"code\":\"" + code + "\""));
        assertTrue(context + ": " + body, body.contains("\"request_id\""));
        assertFalse(context + " leaks internals: " + body, body.contains("org.eclipse") || body.contains("javax.")
                || body.contains("Exception") || body.contains("<html"));
    }

    @Test
    public void withIdentityStoppedNothingButLivenessIsServed() throws Exception {
        String token = "Bearer " + Admin.login(http);
        Bundle identity = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "dev.pergola.identity".equals(b.getSymbolicName())).findFirst().orElseThrow();
        identity.stop();
        try {
            Http.Reply users = http.get("/api/v1/users", "Authorization", token);
            assertTrue("identity's own resources are gone with it: " + users.status(), users.status() >= 400);
            for (String path : List.of("/api/v1/plugins", "/api/v1/status", "/api/health", "/api/health/ready",
                    "/api/openapi.json")) {
                Http.Reply anonymous = http.get(path);
                assertEnvelope("anonymous " + path, 503, "SERVICE_UNAVAILABLE", anonymous.status(), anonymous.body());
                Http.Reply withToken = http.get(path, "Authorization", token);
                assertEquals("with a token " + path, 503, withToken.status());
            }
            Http.Reply upload = http.post("/api/v1/plugins", "application/java-archive", BodyPublishers.ofByteArray(
                    new byte[] {'P', 'K', 3, 4}));
            assertEquals("an anonymous upload never reaches the plugin manager", 503, upload.status());
            assertEquals("liveness still answers", 200, http.get("/api/health/live").status());
        } finally {
            identity.start();
        }
        assertEquals(200, http.await("/api/v1/auth/jwks", Duration.ofSeconds(60)).status());
        Http.Reply status = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            status = http.get("/api/v1/status", "Authorization", "Bearer " + Admin.login(http));
            if (status.status() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("served again once identity is back", 200, status.status());
        assertEquals(401, http.get("/api/v1/status").status());
    }

    @Test
    public void anonymousHealthHasNoInternalsButAnAdminSeesThem() throws Exception {
        Http.Reply anonymous = http.get("/api/health");
        assertEquals(200, anonymous.status());
        JsonNode checks = anonymous.json().path("checks");
        assertTrue(anonymous.body(), checks.has("database"));
        assertEquals("UP", checks.path("database").path("status").asText());
        assertFalse("no message for anonymous callers: " + anonymous.body(), checks.path("database").has("message"));
        assertFalse("no details for anonymous callers: " + anonymous.body(), anonymous.body().contains("details"));
        assertFalse(anonymous.body(), anonymous.body().toLowerCase().contains("h2"));

        Http.Reply admin = http.get("/api/health", "Authorization", "Bearer " + Admin.login(http));
        assertEquals("h2", admin.json().path("checks").path("database").path("details").path("type").asText());
    }

    private RawHttp.Answer send(String request) {
        return new RawHttp(port).exchange(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String rawGet(String path, String... headerLines) {
        StringBuilder r = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headerLines) {
            r.append(h).append("\r\n");
        }
        return r.append("Connection: close\r\n\r\n").toString();
    }

    @Test
    public void containerLevelErrorsComeInTheEnvelope() {
        RawHttp.Answer charset = send("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json; charset=nope\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertEnvelope("bad charset", 415, "UNSUPPORTED_MEDIA_TYPE", charset.status(), charset.body());
        assertNotNull(charset.header("X-Request-ID"));

        RawHttp.Answer headers = send(rawGet("/api/health", "X-Big: " + "a".repeat(20_000)));
        assertEnvelope("headers too large", 431, "MALFORMED_REQUEST", headers.status(), headers.body());

        RawHttp.Answer uri = send(rawGet("/api/health?q=" + "a".repeat(20_000)));
        assertTrue("status " + uri.status(), uri.status() == 414 || uri.status() == 431);
        assertTrue(uri.body(), uri.body().contains("\"error\""));

        for (String path : List.of("/api/v1/%2e%2e/%2e%2e/etc/passwd", "/api/v1/users%2F1", "/api/v1/..;/status",
                "/api/v1/users/%00")) {
            RawHttp.Answer bad = send(rawGet(path));
            assertTrue(path + " -> " + bad.status(), bad.status() >= 400 && bad.status() < 500);
            assertTrue(path + " -> " + bad.body(), bad.body().contains("\"error\""));
            assertFalse(path + " -> " + bad.body(), bad.body().contains("<html"));
        }

        Http.Reply elsewhere = http.get("/not-served/anything");
        assertEnvelope("outside the served prefixes", 404, "RESOURCE_NOT_FOUND", elsewhere.status(), elsewhere.body());
    }

    @Test
    public void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (Http.Reply reply : List.of(http.get("/api/health"), http.get("/api/v1/nothing-here"),
                http.get("/api/v1/status"), http.get("/api/v1/auth/jwks"))) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
            assertEquals("DENY", reply.header("X-Frame-Options"));
            assertNotNull(reply.header("Content-Security-Policy"));
            assertEquals("no-store", reply.header("Cache-Control"));
            assertNotNull(reply.header("X-Request-ID"));
        }
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + Admin.password() + "\"}"));
        assertEquals("token responses are never cached", "no-store", login.header("Cache-Control"));
        assertTrue(http.get("/api/docs").header("Content-Security-Policy").startsWith("default-src 'self'"));
    }
}
