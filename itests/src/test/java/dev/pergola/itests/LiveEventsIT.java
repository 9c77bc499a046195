package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventType;
import dev.pergola.api.events.EventTypeProvider;

/**
 * Live events from outside: the catalogue, an SSE client and a WebSocket client seeing a plugin being enabled, a
 * caller without the permission seeing other events but not that one, resuming with {@code Last-Event-ID}, the
 * per-user connection limit, and the WebSocket refusing bad tokens. Events other than the plugin's are recorded in
 * the audit trail from the probe (sealed and posted by the audit bundle, as any change is).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "live-events-password-1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    @Filter(timeout = 60000)
    private AuditTrail audit;

    @Inject
    @Filter(timeout = 60000)
    private EventLog eventLog;

    private Http http;
    private String admin;
    private String suffix;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.events.cfg", "heartbeat.seconds", "2"),
                editConfigurationFilePut("etc/dev.pergola.events.cfg", "recheck.seconds", "2"),
                editConfigurationFilePut("etc/dev.pergola.events.cfg", "max.connections.per.user", "3"),
                editConfigurationFilePut("etc/dev.pergola.events.cfg", "replay.max.events", "20"));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    public void theCatalogueListsCoreTypesAndPluginTypesWhileTheyAreRegistered() throws Exception {
        String reader = userWith("reader");
        assertEquals(401, http.get("/api/v1/events/types").status());
        JsonNode core = ok(http.get("/api/v1/events/types?filter[name]=plugin.enabled", "Authorization", reader));
        assertEquals(1, core.path("data").size());
        assertEquals("admin.plugins.view", core.path("data").path(0).path("permission").asText());
        assertEquals("core", core.path("data").path(0).path("source").asText());
        assertEquals("plugin", core.path("data").path(0).path("area").asText());
        assertTrue(ok(http.get("/api/v1/events/types?per_page=100", "Authorization", reader)).path("meta").path("total")
                .asInt() >= 40);

        ServiceRegistration<EventTypeProvider> provider = context.registerService(EventTypeProvider.class,
                () -> List.of(new EventType("probe.thing_done", "A thing was done.", "admin.audit.view",
                        Map.of("thing", "which thing"))), null);
        try {
            JsonNode plugin = ok(http.get("/api/v1/events/types?filter[area]=probe", "Authorization", reader));
            assertEquals(plugin.toString(), 1, plugin.path("data").size());
            assertEquals("probe.thing_done", plugin.path("data").path(0).path("name").asText());
            assertEquals(context.getBundle().getSymbolicName(), plugin.path("data").path(0).path("source").asText());
            assertEquals("which thing", plugin.path("data").path(0).path("data").path("thing").asText());
        } finally {
            provider.unregister();
        }
        assertEquals(0, ok(http.get("/api/v1/events/types?filter[area]=probe", "Authorization", reader)).path("data").size());
    }

    @Test
    public void sseAndWebSocketSeeAPluginEnabledAndACallerWithoutThePermissionDoesNot() throws Exception {
        String watcher = userWith("watcher", "admin.users.view");
        upload("pergola-sample-hello");
        try (SseStream adminSse = SseStream.open("/api/v1/events/stream?types=plugin.*", "Authorization", admin);
                SseStream watcherSse = SseStream.open("/api/v1/events/stream", "Authorization", watcher);
                EventSocketClient adminWs = new EventSocketClient();
                EventSocketClient watcherWs = new EventSocketClient()) {
            assertEquals(adminSse.errorBody, 200, adminSse.status());
            assertEquals(watcherSse.errorBody, 200, watcherSse.status());
            assertEquals("text/event-stream", adminSse.response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals("authenticated", adminWs.auth(admin.substring(7)).path("type").asText());
            assertEquals("authenticated", watcherWs.auth(watcher.substring(7)).path("type").asText());
            adminWs.send(Map.of("type", "subscribe", "channel", "plugin", "filters", Map.of("event_types", List.of("enabled"))));
            JsonNode subscribed = adminWs.next("subscribed", WAIT).json();
            assertEquals("plugin", subscribed.path("channel").asText());
            assertEquals("plugin.enabled", subscribed.path("filters").path("event_types").path(0).asText());
            watcherWs.send(Map.of("type", "subscribe", "channel", "*"));
            assertNotNull(watcherWs.next("subscribed", WAIT));

            long start = System.nanoTime();
            assertEquals(200, send("POST", "/api/v1/plugins/hello/enable", admin).status());
            long answered = System.nanoTime();
            SseStream.Message sse = nextOf(adminSse, "plugin.enabled");
            EventSocketClient.Received ws = adminWs.next("event", WAIT);
            assertNotNull("the SSE client saw plugin.enabled", sse);
            assertNotNull("the WebSocket client saw plugin.enabled", ws);
            JsonNode sseEvent = JSON.readTree(sse.data());
            assertEquals("plugin.enabled", sseEvent.path("type").asText());
            assertEquals("hello", sseEvent.path("data").path("target").path("id").asText());
            assertTrue(sseEvent.path("id").asText().startsWith("evt_"));
            assertTrue(Long.parseLong(sse.id()) > 0);
            assertEquals("plugin", ws.json().path("channel").asText());
            assertEquals(sseEvent.path("id").asText(), ws.json().path("data").path("id").asText());
            assertEquals("plugin.enabled", ws.json().path("data").path("type").asText());
            System.out.printf("LiveEventsIT: plugin.enabled after the enable request started: SSE %d ms, WebSocket %d ms "
                    + "(the request itself took %d ms)%n", (sse.arrivedNanos() - start) / 1_000_000,
                    (ws.arrivedNanos() - start) / 1_000_000, (answered - start) / 1_000_000);

            // the watcher holds admin.users.view, not admin.plugins.view: it gets the user created (through REST)
            // after the plugin was enabled — events arrive in sequence order — and never the plugin event
            String newcomer = "newcomer-" + suffix;
            assertEquals(201, send("POST", "/api/v1/users", "{\"username\":\"" + newcomer + "\",\"email\":\""
                    + newcomer + "@example.test\",\"password\":\"" + PASSWORD + "\"}", admin).status());
            List<SseStream.Message> watched = new ArrayList<>();
            SseStream.Message created = null;
            while (created == null) {
                SseStream.Message m = watcherSse.next(WAIT);
                assertNotNull("the watcher's stream delivers what it may see; got " + watched, m);
                watched.add(m);
                if ("user.created".equals(m.event())) {
                    created = m;
                }
            }
            assertEquals(newcomer, JSON.readTree(created.data()).path("data").path("target").path("name").asText());
            assertTrue("no plugin event reached the watcher: " + watched,
                    watched.stream().noneMatch(m -> m.event().startsWith("plugin.")));
            List<JsonNode> wsWatched = new ArrayList<>();
            JsonNode wsCreated = null;
            while (wsCreated == null) {
                EventSocketClient.Received r = watcherWs.next("event", WAIT);
                assertNotNull("the watcher's WebSocket delivers what it may see; got " + wsWatched, r);
                wsWatched.add(r.json());
                if ("user.created".equals(r.json().path("data").path("type").asText())) {
                    wsCreated = r.json();
                }
            }
            assertEquals("*", wsCreated.path("channel").asText());
            assertTrue("no plugin event reached the watcher's WebSocket: " + wsWatched,
                    wsWatched.stream().noneMatch(m -> m.path("data").path("type").asText().startsWith("plugin.")));
            assertTrue("heartbeats keep the stream alive", watcherSse.comments.get() >= 1);
        } finally {
            send("DELETE", "/api/v1/plugins/hello?purge=true", admin);
        }
    }

    @Test
    public void lastEventIdReplaysTheMissedEventsOnceThenGoesLive() throws Exception {
        long before = eventLog.lastSequence();
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add("missed-" + suffix + "-" + i);
            audit.record(AuditEntry.of("user.updated").withTarget("user", missed.get(i), "x"));
        }
        awaitSequenceAbove(before + 2);
        try (SseStream resumed = SseStream.open("/api/v1/events/stream?types=user.*", "Authorization", admin,
                "Last-Event-ID", Long.toString(before))) {
            assertEquals(resumed.errorBody, 200, resumed.status());
            String live = "live-" + suffix;
            audit.record(AuditEntry.of("user.updated").withTarget("user", live, "x"));
            List<String> seen = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            while (!seen.contains(live)) {
                SseStream.Message m = resumed.next(WAIT);
                assertNotNull("got " + seen + " then nothing", m);
                seen.add(JSON.readTree(m.data()).path("data").path("target").path("id").asText());
                sequences.add(Long.parseLong(m.id()));
            }
            // the sealer orders records committed in the same instant by id, not by the order they were recorded:
            // the stream's order is the sequence's
            assertEquals("the missed events once, then the live one: " + seen, 4, seen.size());
            assertEquals(new java.util.HashSet<>(missed), new java.util.HashSet<>(seen.subList(0, 3)));
            assertEquals(live, seen.get(3));
            assertTrue(sequences.get(0) > before);
            for (int i = 1; i < sequences.size(); i++) {
                assertTrue("in sequence order: " + sequences, sequences.get(i) > sequences.get(i - 1));
            }
            Thread.sleep(2500);
            assertNull("nothing twice: " + resumed.drained(), resumed.next(Duration.ofMillis(10)));
        }
        assertEquals(422, SseStream.open("/api/v1/events/stream", "Authorization", admin, "Last-Event-ID", "soon").status());
        for (int i = 0; i < 21; i++) {
            audit.record(AuditEntry.of("user.updated").withTarget("user", "filler-" + suffix + "-" + i, "x"));
        }
        awaitSequenceAbove(before + 24);
        SseStream tooFar = SseStream.open("/api/v1/events/stream", "Authorization", admin, "Last-Event-ID",
                Long.toString(eventLog.lastSequence() - 21));
        assertEquals(tooFar.errorBody, 422, tooFar.status());
        assertTrue(tooFar.errorBody, tooFar.errorBody.contains("Last-Event-ID"));
    }

    @Test
    public void theConnectionLimitAnswers429AndAClosedStreamFreesItsSlot() throws Exception {
        String limited = userWith("limited", "admin.users.view");
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(SseStream.open("/api/v1/events/stream", "Authorization", limited));
                assertEquals(open.get(i).errorBody, 200, open.get(i).status());
            }
            SseStream refused = SseStream.open("/api/v1/events/stream", "Authorization", limited);
            assertEquals(refused.errorBody, 429, refused.status());
            assertEquals("RATE_LIMIT_EXCEEDED", JSON.readTree(refused.errorBody).path("error").path("code").asText());
            try (EventSocketClient ws = new EventSocketClient()) {
                JsonNode answer = ws.auth(limited.substring(7));
                assertEquals("error", answer.path("type").asText());
                assertEquals("RATE_LIMIT_EXCEEDED", answer.path("code").asText());
                assertEquals(1013, (int) ws.closed.get(5, TimeUnit.SECONDS));
            }
            open.remove(0).close();
            // the server notices the client left at its next write (heartbeats every 2 s here)
            long deadline = System.nanoTime() + WAIT.toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                SseStream again = SseStream.open("/api/v1/events/stream", "Authorization", limited);
                status = again.status();
                if (status == 200) {
                    open.add(again);
                }
            }
            assertEquals("a closed stream gives its slot back", 200, status);
        } finally {
            open.forEach(SseStream::close);
        }
    }

    @Test
    public void theWebSocketRefusesBadTokensAndAnswersPlainRequestsInTheEnvelope() throws Exception {
        try (EventSocketClient ws = new EventSocketClient()) {
            JsonNode answer = ws.auth("not-a-token");
            assertEquals("error", answer.path("type").asText());
            assertEquals("INVALID_TOKEN", answer.path("code").asText());
            assertFalse(answer.path("message").asText().isEmpty());
            assertEquals(1008, (int) ws.closed.get(5, TimeUnit.SECONDS));
        }
        try (EventSocketClient ws = new EventSocketClient()) {
            ws.send(Map.of("type", "subscribe", "channel", "*"));
            JsonNode answer = ws.messages.poll(10, TimeUnit.SECONDS).json();
            assertEquals("AUTHENTICATION_REQUIRED", answer.path("code").asText());
            assertEquals(1008, (int) ws.closed.get(5, TimeUnit.SECONDS));
        }
        try (EventSocketClient ws = new EventSocketClient()) {
            assertEquals("authenticated", ws.auth(admin.substring(7)).path("type").asText());
            ws.send(Map.of("type", "ping"));
            assertNotNull(ws.next("pong", WAIT));
            ws.sendRaw("{\"type\":\"subscribe\",\"channel\":\"NOT A CHANNEL\"}");
            assertEquals("VALIDATION_ERROR", ws.next("error", WAIT).json().path("code").asText());
            assertFalse("a bad message does not end an authenticated socket", ws.closed.isDone());
        }
        Http.Reply plain = http.get("/api/v1/ws");
        assertEquals(plain.body(), 400, plain.status());
        assertEquals("MALFORMED_REQUEST", plain.json().path("error").path("code").asText());
        assertNotNull(plain.header("X-Request-ID"));
        assertEquals("nosniff", plain.header("X-Content-Type-Options"));
        assertEquals("no-store", plain.header("Cache-Control"));
        assertEquals("DENY", plain.header("X-Frame-Options"));
        assertNotNull(plain.header("Content-Security-Policy"));
        Http.Reply post = send("POST", "/api/v1/ws", admin);
        assertEquals(post.body(), 405, post.status());
        assertEquals("METHOD_NOT_ALLOWED", post.json().path("error").path("code").asText());
        Http.Reply notAsked = http.get("/api/v1/events/stream", "Authorization", admin, "Accept", "*/*");
        assertEquals("a stream only for a client asking for one", 406, notAsked.status());
        assertEquals("NOT_ACCEPTABLE", notAsked.json().path("error").path("code").asText());
        Http.Reply anonymous = http.get("/api/v1/events/stream", "Accept", "text/event-stream");
        assertEquals(anonymous.body(), 401, anonymous.status());
        assertEquals("AUTHENTICATION_REQUIRED", anonymous.json().path("error").path("code").asText());
    }

    @Test
    public void streamsEndWhenTheirSessionEnds() throws Exception {
        String leaver = userWith("leaver", "admin.users.view");
        try (SseStream sse = SseStream.open("/api/v1/events/stream", "Authorization", leaver);
                EventSocketClient ws = new EventSocketClient()) {
            assertEquals(sse.errorBody, 200, sse.status());
            assertEquals("authenticated", ws.auth(leaver.substring(7)).path("type").asText());
            assertEquals(204, send("POST", "/api/v1/auth/logout", leaver).status());
            assertTrue("the SSE stream ended with the session", sse.awaitEnd(WAIT));
            EventSocketClient.Received error = ws.next("error", WAIT);
            assertNotNull(error);
            assertEquals("TOKEN_EXPIRED", error.json().path("code").asText());
            assertEquals(1008, (int) ws.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    public void anApiKeyStreamsWithinItsScopesAndEndsWhenRevoked() throws Exception {
        String owner = userWith("keyholder", "admin.users.view", "admin.plugins.view");
        JsonNode key = JSON.readTree(send("POST", "/api/v1/auth/api-keys", "{\"name\":\"stream\",\"scopes\":"
                + "[\"admin.users.view\"]}", owner).body()).path("data");
        String secret = key.path("key").asText();
        assertTrue(secret.startsWith("pgl_"));
        try (SseStream sse = SseStream.open("/api/v1/events/stream?types=user.*", "X-API-Key", secret);
                EventSocketClient ws = new EventSocketClient()) {
            assertEquals(sse.errorBody, 200, sse.status());
            assertEquals("authenticated", ws.auth(secret).path("type").asText());
            ws.send(Map.of("type", "subscribe", "channel", "user", "filters", Map.of("target_id", "k-" + suffix)));
            assertNotNull(ws.next("subscribed", WAIT));
            audit.record(AuditEntry.of("user.updated").withTarget("user", "other-" + suffix, "x"));
            audit.record(AuditEntry.of("user.updated").withTarget("user", "k-" + suffix, "x"));
            EventSocketClient.Received only = ws.next("event", WAIT);
            assertNotNull(only);
            assertEquals("target_id narrows the subscription", "k-" + suffix,
                    only.json().path("data").path("data").path("target").path("id").asText());
            assertNotNull(sse.next(WAIT));

            assertEquals(204, send("DELETE", "/api/v1/auth/api-keys/" + key.path("id").asText(), owner).status());
            assertTrue("the SSE stream of a revoked key ends", sse.awaitEnd(WAIT));
            assertEquals("TOKEN_EXPIRED", ws.next("error", WAIT).json().path("code").asText());
            assertEquals(1008, (int) ws.closed.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    public void withIdentityStoppedOpenStreamsEndAndNoneOpens() throws Exception {
        Bundle identity = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "dev.pergola.identity".equals(b.getSymbolicName())).findFirst().orElseThrow();
        try (SseStream sse = SseStream.open("/api/v1/events/stream", "Authorization", admin);
                EventSocketClient ws = new EventSocketClient()) {
            assertEquals(sse.errorBody, 200, sse.status());
            assertEquals("authenticated", ws.auth(admin.substring(7)).path("type").asText());
            identity.stop();
            try {
                assertTrue("an open SSE stream ends when no one can check its caller", sse.awaitEnd(WAIT));
                ws.closed.get(10, TimeUnit.SECONDS);
                SseStream refused = SseStream.open("/api/v1/events/stream", "Authorization", admin);
                assertTrue("no stream opens: " + refused.status(), refused.status() >= 400);
                boolean upgraded;
                try (EventSocketClient again = new EventSocketClient()) {
                    upgraded = true;
                } catch (java.util.concurrent.ExecutionException handshakeRefused) {
                    upgraded = false;
                }
                assertFalse("no WebSocket is accepted without the authenticator", upgraded);
            } finally {
                identity.start();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(300);
            try (SseStream back = SseStream.open("/api/v1/events/stream", "Authorization", "Bearer " + Admin.login(http))) {
                status = back.status();
            } catch (AssertionError notYet) {
                // identity still starting
            }
        }
        assertEquals("streams open again once identity is back", 200, status);
    }

    private SseStream.Message nextOf(SseStream stream, String type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseStream.Message m = stream.next(Duration.ofMillis(200));
            if (m != null && type.equals(m.event())) {
                return m;
            }
        }
        return null;
    }

    private void awaitSequenceAbove(long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (eventLog.lastSequence() <= sequence && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue("sealed in time", eventLog.lastSequence() > sequence);
    }

    /** A new account holding only the given permissions (through a role of its own); its bearer header. */
    private String userWith(String name, String... permissions) {
        String role = name + "-" + suffix;
        String list = permissions.length == 0 ? "" : "\"" + String.join("\",\"", permissions) + "\"";
        assertEquals(201, send("POST", "/api/v1/roles", "{\"name\":\"" + role + "\",\"permissions\":[" + list + "]}",
                admin).status());
        Http.Reply created = send("POST", "/api/v1/users", "{\"username\":\"" + role + "\",\"email\":\"" + role
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}", admin);
        assertEquals(created.body(), 201, created.status());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}"));
        return "Bearer " + ok(login).path("data").path("access_token").asText();
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private Http.Reply send(String method, String path, String auth) {
        return send(method, path, null, auth);
    }

    private Http.Reply send(String method, String path, String json, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        } else {
            b.method(method, BodyPublishers.noBody());
        }
        return http.send(b, "Authorization", auth);
    }

    private void upload(String fixture) throws IOException {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"plugin.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), fixture + ".jar")));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Http.Reply reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + "/api/v1/plugins"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())), "Authorization", admin);
        assertEquals(reply.body(), 201, reply.status());
    }
}
