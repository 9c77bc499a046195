package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.events.EventTypeProvider;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * The template plugin, {@code sample-plugins/notes}, installed as an admin would: REST with its own permissions,
 * the error envelope for bad input, typed configuration changed at run time, its changes recorded in the audit trail
 * and announced from there after commit ({@code notes.note.created|deleted}), its health check and its shell commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NotesPluginIT {
    private static final String USER_PASSWORD = "notes-user-password-1";

    @Inject
    private BundleContext context;

    private Http http;
    private String admin;
    private final List<PergolaEvent> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> listener;

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
        // the notes plugin records its changes in the audit trail, which announces them once committed
        props.put(EventConstants.EVENT_TOPIC, EventTypes.topic("notes.*"));
        listener = context.registerService(EventHandler.class, e -> events.add(PergolaEvent.fromProperties(e::getProperty)),
                props);
        installed();
    }

    @After
    public void tearDown() {
        listener.unregister();
    }

    @Test
    public void notesOverRestWithPermissionsEnvelopeConfigEventsAndHealth() throws Exception {
        String title = "Groceries " + UUID.randomUUID();
        Http.Reply created = send("POST", "/api/v1/notes", json("{\"title\":\"" + title + "\",\"body\":\"milk, eggs\"}"), admin);
        assertEquals(created.body(), 201, created.status());
        JsonNode note = created.json().path("data");
        String id = note.path("id").asText();
        assertEquals(title, note.path("title").asText());
        assertEquals("admin", note.path("author").asText());
        assertNotNull("created_at is ISO-8601", Instant.parse(note.path("created_at").asText()));

        PergolaEvent event = awaitEvent("notes.note.created", id);
        assertEquals(title, field(event, "target", "name"));
        assertEquals("the note as created", "admin", field(event, "after", "author"));
        assertEquals("milk, eggs", field(event, "after", "body"));
        assertTrue("sealed: it has its place in the chain", event.sequence() > 0);

        assertEquals(note, ok(200, http.get("/api/v1/notes/" + id, "Authorization", admin)));
        Http.Reply list = http.get("/api/v1/notes?search=" + title.substring(10) + "&sort=-created_at&per_page=5",
                "Authorization", admin);
        assertEquals(list.body(), 200, list.status());
        assertEquals(1, list.json().path("meta").path("total").asInt());
        assertEquals(5, list.json().path("meta").path("per_page").asInt());
        assertEquals(id, list.json().path("data").path(0).path("id").asText());
        Http.Reply badSort = http.get("/api/v1/notes?sort=body", "Authorization", admin);
        assertEquals(badSort.body(), 422, badSort.status());

        Http.Reply invalid = send("POST", "/api/v1/notes", json("{\"title\":\" \",\"body\":\"x\"}"), admin);
        assertEquals(invalid.body(), 422, invalid.status());
        JsonNode error = invalid.json().path("error");
        assertEquals("VALIDATION_ERROR", error.path("code").asText());
        assertEquals("is required", error.path("details").path("title").path(0).asText());
        assertFalse(error.path("request_id").asText().isEmpty());
        Http.Reply unknownField = send("POST", "/api/v1/notes", json("{\"title\":\"t\",\"body\":\"b\",\"author\":\"eve\"}"), admin);
        assertEquals("no mass assignment: " + unknownField.body(), 422, unknownField.status());
        Http.Reply taken = send("POST", "/api/v1/notes", json("{\"title\":\"" + title + "\",\"body\":\"again\"}"), admin);
        assertEquals(taken.body(), 409, taken.status());
        assertEquals("CONFLICT", taken.json().path("error").path("code").asText());

        String user = plainUser();
        Http.Reply denied = http.get("/api/v1/notes", "Authorization", user);
        assertEquals(denied.body(), 403, denied.status());
        assertEquals("acme.notes.view", denied.json().path("error").path("required_permission").asText());
        assertEquals(401, http.get("/api/v1/notes").status());

        Http.Reply health = http.get("/api/health", "Authorization", admin);
        assertEquals(health.body(), 200, health.status());
        JsonNode check = health.json().path("checks").path("notes");
        assertEquals(health.body(), "UP", check.path("status").asText());
        assertTrue(health.body(), check.path("message").asText().endsWith(" of 1000 notes"));
        assertTrue("anonymous callers see the check's name", http.get("/api/health").json().path("checks").has("notes"));
        assertFalse("not part of readiness", http.get("/api/health/ready").json().path("checks").has("notes"));

        long serviceId = notesServiceId();
        Http.Reply limit = send("PUT", "/api/v1/plugins/notes/config",
                json("{\"pid\":\"acme.notes\",\"values\":{\"max.body.length\":10}}"), admin);
        assertEquals(limit.body(), 200, limit.status());
        Http.Reply tooLong = awaitStatus(() -> send("POST", "/api/v1/notes", json("{\"title\":\"long " + UUID.randomUUID()
                + "\",\"body\":\"" + "x".repeat(20) + "\"}"), admin), 422);
        assertEquals(tooLong.body(), "at most 10 characters", tooLong.json().path("error").path("details").path("body")
                .path(0).asText());
        assertEquals("@Modified: the service was reconfigured, not restarted", serviceId, notesServiceId());
        assertEquals(200, send("PUT", "/api/v1/plugins/notes/config",
                json("{\"pid\":\"acme.notes\",\"values\":{\"max.body.length\":2000}}"), admin).status());

        assertEquals(204, send("DELETE", "/api/v1/notes/" + id, BodyPublishers.noBody(), admin).status());
        assertEquals(404, http.get("/api/v1/notes/" + id, "Authorization", admin).status());
        Http.Reply again = send("DELETE", "/api/v1/notes/" + id, BodyPublishers.noBody(), admin);
        assertEquals(again.body(), 404, again.status());
        assertEquals("RESOURCE_NOT_FOUND", again.json().path("error").path("code").asText());
        PergolaEvent deleted = awaitEvent("notes.note.deleted", id);
        List<String> declared = new java.util.ArrayList<>();
        for (ServiceReference<EventTypeProvider> ref : context.getServiceReferences(EventTypeProvider.class, null)) {
            context.getService(ref).eventTypes().forEach(t -> declared.add(t.name() + " " + t.permission()));
            context.ungetService(ref);
        }
        assertTrue("declared for the catalogue: " + declared, declared.containsAll(List.of(
                "notes.note.created acme.notes.view", "notes.note.deleted acme.notes.view")));
        assertEquals("the note as it was", title, field(deleted, "before", "title"));
        assertEquals("one event per change", 1, events.stream().filter(e -> e.type().equals("notes.note.created")
                && id.equals(field(e, "target", "id"))).count());
    }

    @Test
    public void theShellAddsListsAndFailsByThrowing() throws Exception {
        Subject operator = KarafShell.jaasLogin("admin", Admin.password());
        String title = "shell-" + UUID.randomUUID().toString().substring(0, 8);
        String added = KarafShell.runAs(context, operator, "notes:add " + title + " \"from the shell\"");
        assertTrue(added, added.startsWith("Created note "));
        String id = added.substring("Created note ".length(), added.indexOf(' ', "Created note ".length()));
        assertEquals("admin", field(awaitEvent("notes.note.created", id), "after", "author"));
        String listed = KarafShell.runAs(context, operator, "notes:list --search " + title);
        assertTrue(listed, listed.contains(id) && listed.contains("1 note(s)"));

        String duplicate = KarafShell.runAs(context, operator, "notes:add " + title + " again");
        assertTrue(duplicate, duplicate.startsWith("FAILED") && duplicate.contains("exists already"));
        String badSort = KarafShell.runAs(context, operator, "notes:list --sort nope");
        assertTrue(badSort, badSort.startsWith("FAILED"));
        String unknown = KarafShell.runAs(context, operator, "notes:delete no-such-note");
        assertTrue(unknown, unknown.startsWith("FAILED") && unknown.contains("No note no-such-note"));

        assertTrue(KarafShell.runAs(context, operator, "notes:delete " + id).startsWith("Deleted note " + id));
        assertEquals(404, http.get("/api/v1/notes/" + id, "Authorization", admin).status());
    }

    /** Uploads and enables the plugin once per boot (both tests share it). */
    private void installed() throws IOException {
        if (http.get("/api/v1/plugins/notes", "Authorization", admin).status() == 200) {
            return;
        }
        Http.Reply installed = multipart("/api/v1/plugins?enable=true",
                Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-notes.jar")));
        assertEquals(installed.body(), 201, installed.status());
        assertEquals(installed.body(), "active", installed.json().path("data").path("state").asText());
        awaitStatus(() -> http.get("/api/v1/notes", "Authorization", admin), 200);
    }

    private long notesServiceId() throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("dev.pergola.sample.notes.service.Notes", null);
        assertNotNull("the Notes service is registered", refs);
        return (Long) refs[0].getProperty("service.id");
    }

    private PergolaEvent awaitEvent(String type, String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (PergolaEvent e : events) {
                if (e.type().equals(type) && id.equals(field(e, "target", "id"))) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " for " + id + " among " + events);
    }

    /** {@code data.<object>.<name>} of an event, or null. */
    private static Object field(PergolaEvent event, String object, String name) {
        return event.data().get(object) instanceof java.util.Map<?, ?> m ? m.get(name) : null;
    }

    private static Http.Reply awaitStatus(java.util.function.Supplier<Http.Reply> request, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Reply last = request.get();
        while (last.status() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = request.get();
        }
        assertEquals(last.body(), status, last.status());
        return last;
    }

    private static JsonNode ok(int status, Http.Reply reply) {
        assertEquals(reply.body(), status, reply.status());
        return reply.json().path("data");
    }

    private static BodyPublisher json(String body) {
        return BodyPublishers.ofString(body);
    }

    private Http.Reply send(String method, String path, BodyPublisher body, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "application/json").method(method, body);
        return http.send(b, "Authorization", auth);
    }

    private Http.Reply multipart(String path, byte[] content) throws IOException {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"notes.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray()));
        return http.send(b, "Authorization", admin);
    }

    private String plainUser() {
        String name = "notes-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply created = send("POST", "/api/v1/users", json("{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + USER_PASSWORD + "\"}"), admin);
        assertEquals(created.body(), 201, created.status());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"" + USER_PASSWORD + "\"}"));
        return "Bearer " + ok(200, login).path("access_token").asText();
    }
}
