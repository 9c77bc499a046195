package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * The plugin lifecycle through REST as the audit trail records it: each action leaves exactly one {@code plugin.*}
 * row (read from {@code audit_log} through the platform's DataSource) with its target, before/after and details,
 * written by the REST caller; a plugin that fails to start leaves one {@code plugin.failed}; and Event Admin hears
 * {@code dev/pergola/plugin/enabled} once, after the record committed and was sealed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginAuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    private Http http;
    private String admin;
    /** Each plugin event heard, with whether its audit row was sealed (committed, chained) when it arrived. */
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> listener;

    /** One {@code audit_log} row, as much of it as the assertions need. */
    record Row(String id, String action, String outcome, String actorType, String actorName, String channel,
            String targetType, String targetId, String targetName, JsonNode before, JsonNode after, JsonNode details) {
    }

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, EventTypes.topic("plugin.*"));
        listener = context.registerService(EventHandler.class, e -> {
            PergolaEvent event = PergolaEvent.fromProperties(e::getProperty);
            Object target = event.data().get("target");
            heard.add(event.type() + " " + (target instanceof Map<?, ?> t ? t.get("id") : null) + " "
                    + (sealed(event.id(), event.sequence()) ? "sealed" : "NOT SEALED"));
        }, props);
    }

    @After
    public void tearDown() {
        listener.unregister();
    }

    @Test
    public void eachLifecycleActionThroughRestIsExactlyOneRecord() throws Exception {
        Row installed = one("hello", "plugin.installed", () -> upload("/api/v1/plugins", "pergola-sample-hello", 201));
        assertEquals("Hello", installed.targetName());
        assertTrue(installed.before().isNull());
        assertEquals(false, installed.after().path("enabled").asBoolean(true));
        assertEquals("1.0.0", installed.after().path("version").asText());
        assertEquals("1.0.0", installed.details().path("version").asText());

        Row enabled = one("hello", "plugin.enabled", () -> expect(200, post("/api/v1/plugins/hello/enable")));
        assertFalse(enabled.before().path("enabled").asBoolean(true));
        assertTrue(enabled.after().path("enabled").asBoolean(false));
        assertEquals("active", enabled.after().path("state").asText());
        assertEquals("announced once, after its record was sealed", List.of("plugin.enabled hello sealed"),
                awaitHeard("plugin.enabled hello", Duration.ofSeconds(5)));

        Row disabled = one("hello", "plugin.disabled", () -> expect(200, post("/api/v1/plugins/hello/disable")));
        assertTrue(disabled.before().path("enabled").asBoolean(false));
        assertEquals("disabled", disabled.after().path("state").asText());

        Row configured = one("hello", "plugin.configured", () -> expect(200, send("PUT", "/api/v1/plugins/hello/config",
                "application/json", BodyPublishers.ofString(
                        "{\"pid\":\"dev.pergola.sample.hello\",\"values\":{\"greeting\":\"Bonjour\"}}"))));
        assertEquals("dev.pergola.sample.hello", configured.details().path("pid").asText());
        assertEquals("Bonjour", configured.after().path("greeting").asText());
        assertFalse(configured.before().toString(), configured.before().toString().contains("Bonjour"));

        Row updated = one("hello", "plugin.updated", () -> expect(200, send("POST", "/api/v1/plugins/hello/update",
                "application/java-archive", BodyPublishers.ofByteArray(fixture("pergola-fixture-hello-v2")))));
        assertEquals("2.0.0", updated.details().path("version").asText());
        assertEquals("1.0.0", updated.details().path("previous_version").asText());
        assertEquals("1.0.0", updated.before().path("version").asText());
        assertEquals("2.0.0", updated.after().path("version").asText());

        Row uninstalled = one("hello", "plugin.uninstalled", () -> expect(204, send("DELETE",
                "/api/v1/plugins/hello?purge=true", null, BodyPublishers.noBody())));
        assertTrue(uninstalled.details().path("purged").asBoolean(false));
        assertEquals("2.0.0", uninstalled.before().path("version").asText());
        assertTrue(uninstalled.after().isNull());

        List<String> actions = rows("hello").stream().map(Row::action).toList();
        assertEquals(List.of("plugin.installed", "plugin.enabled", "plugin.disabled", "plugin.configured",
                "plugin.updated", "plugin.uninstalled"), actions);
        for (Row r : rows("hello")) {
            assertEquals(r.action(), "success", r.outcome());
            assertEquals("plugin", r.targetType());
        }
        awaitHeard("plugin.uninstalled hello", Duration.ofSeconds(5));
        assertEquals("one event per record, in order, each sealed first", List.of("plugin.installed hello sealed",
                "plugin.enabled hello sealed", "plugin.disabled hello sealed", "plugin.configured hello sealed",
                "plugin.updated hello sealed", "plugin.uninstalled hello sealed"), heardAbout("hello"));
    }

    @Test
    public void aCascadeRecordsEachPluginItChanged() throws Exception {
        upload("/api/v1/plugins", "pergola-fixture-lib-provider", 201);
        upload("/api/v1/plugins", "pergola-fixture-lib-consumer", 201);
        one("greetlib", "plugin.enabled", () -> one("greeter", "plugin.enabled",
                () -> expect(200, post("/api/v1/plugins/greeter/enable?cascade=true"))));
        one("greetlib", "plugin.uninstalled", () -> one("greeter", "plugin.uninstalled",
                () -> expect(204, send("DELETE", "/api/v1/plugins/greetlib?cascade=true", null, BodyPublishers.noBody()))));
        assertEquals(List.of("plugin.installed", "plugin.enabled", "plugin.uninstalled"),
                rows("greeter").stream().map(Row::action).toList());
    }

    @Test
    public void aPluginThatFailsToStartLeavesOnePluginFailed() throws Exception {
        upload("/api/v1/plugins", "pergola-fixture-failing-activate", 201);
        Row failed = one("failing", "plugin.failed", () -> expect(422, post("/api/v1/plugins/failing/enable")));
        assertEquals("failed", failed.outcome());
        assertTrue(failed.details().toString(), failed.details().path("error").asText().contains("activate refused by design"));
        assertFalse(failed.before().path("enabled").asBoolean(true));
        assertEquals("failed", failed.after().path("state").asText());
        assertEquals(List.of("plugin.installed", "plugin.failed"), rows("failing").stream().map(Row::action).toList());
        expect(204, send("DELETE", "/api/v1/plugins/failing", null, BodyPublishers.noBody()));
        awaitHeard("plugin.uninstalled failing", Duration.ofSeconds(5));
        assertEquals(List.of("plugin.installed failing sealed", "plugin.failed failing sealed",
                "plugin.uninstalled failing sealed"), heardAbout("failing"));
    }

    @Test
    public void restChangesAreRecordedAsTheCallersThroughRest() throws Exception {
        upload("/api/v1/plugins", "pergola-fixture-exit-on-start", 201);
        expect(204, send("DELETE", "/api/v1/plugins/quitter", null, BodyPublishers.noBody()));
        List<Row> rows = rows("quitter");
        assertEquals(List.of("plugin.installed", "plugin.uninstalled"), rows.stream().map(Row::action).toList());
        for (Row r : rows) {
            assertEquals(r.action(), "rest", r.channel());
            assertEquals(r.action(), "user", r.actorType());
            assertEquals(r.action(), "admin", r.actorName());
        }
    }

    /** Runs {@code action} and returns the single audit row about {@code slug} it added, which must be {@code type}. */
    private Row one(String slug, String type, ThrowingRunnable action) throws Exception {
        List<String> seen = rows(slug).stream().map(Row::id).toList();
        action.run();
        // the record commits with the change, before the response: nothing to wait for
        List<Row> added = rows(slug).stream().filter(r -> !seen.contains(r.id())).toList();
        assertEquals("one record for " + type + ": " + added, 1, added.size());
        assertEquals(type, added.get(0).action());
        assertEquals(slug, added.get(0).targetId());
        return added.get(0);
    }

    private List<Row> rows(String slug) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, action, outcome, actor_type, actor_name, channel, target_type, target_id, target_name,"
                        + " before_json, after_json, details_json FROM audit_log WHERE target_type = 'plugin'"
                        + " AND target_id = ? ORDER BY occurred_at, seq")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getString(9), json(r.getString(10)),
                            json(r.getString(11)), json(r.getString(12))));
                }
            }
        }
        return rows;
    }

    /** Whether the audit row of an event is committed and sealed with the event's sequence. */
    private boolean sealed(String id, long sequence) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_log WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) == sequence && r.getString(2) != null;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Waits for {@code expected} (type and slug) to be heard, then a little longer, and returns all such events. */
    private List<String> awaitHeard(String expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (heard.stream().noneMatch(h -> h.startsWith(expected + " ")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // a second copy would come within this
        return heard.stream().filter(h -> h.startsWith(expected + " ")).toList();
    }

    private List<String> heardAbout(String slug) {
        return heard.stream().filter(h -> h.contains(" " + slug + " ")).toList();
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Http.Reply expect(int status, Http.Reply reply) {
        assertEquals(reply.body(), status, reply.status());
        return reply;
    }

    private Http.Reply post(String path) {
        return send("POST", path, null, BodyPublishers.noBody());
    }

    private Http.Reply upload(String path, String fixture, int status) throws IOException {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"plugin.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(fixture(fixture));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return expect(status, send("POST", path, "multipart/form-data; boundary=" + boundary,
                BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Http.Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path)).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b, "Authorization", admin);
    }

    private static byte[] fixture(String artifactId) throws IOException {
        return Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), artifactId + ".jar"));
    }
}
