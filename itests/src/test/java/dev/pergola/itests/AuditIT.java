package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * The audit trail on a real boot: records written in a transaction are sealed and posted after commit only; the REST
 * surface lists, shows (with the diff), verifies — and finds a record edited in SQL —, and exports JSON, CSV and PDF
 * that ordinary parsers read back; export needs its own permission.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditIT {
    private static final String USER_PASSWORD = "audit-viewer-password-1";

    @Inject
    private BundleContext context;
    @Inject
    private AuditTrail audit;
    @Inject
    private EventLog eventLog;
    @Inject
    @Filter("(osgi.jndi.service.name=pergola)")
    private DataSource dataSource;

    private Http http;
    private String admin;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> listener;

    @Configuration
    public Option[] config() {
        // the parsers the tests read exports with, installed from the test's own class path
        return PergolaExam.distribution(jar("pdfbox-3"), jar("fontbox-"), jar("pdfbox-io-"), jar("commons-logging-"),
                jar("commons-csv-"), jar("commons-codec-"));
    }

    /** The jar on this test's class path whose file name starts with {@code prefix} (pax-logging also carries
     * commons-logging classes, so a class's code source could name the wrong jar). */
    private static Option jar(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            java.io.File file = new java.io.File(entry);
            if (file.getName().startsWith(prefix) && file.getName().endsWith(".jar")) {
                return bundle(file.toURI().toString());
            }
        }
        throw new IllegalStateException("no " + prefix + "*.jar on the test class path");
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "dev/pergola/itest/*");
        listener = context.registerService(EventHandler.class, events::add, props);
    }

    @After
    public void tearDown() {
        listener.unregister();
    }

    @Test
    public void aRecordInATransactionIsSealedAndPostedAfterCommitOnly() throws Exception {
        String kept = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            audit.record(c, AuditEntry.of("itest.rolled_back").withTarget("thing", "gone"));
            c.rollback();
            audit.record(c, AuditEntry.of("itest.changed").withTarget("thing", kept).withAfter(Map.of("token", "t0p")));
            c.commit();
        }
        Event event = events.poll(1, TimeUnit.SECONDS);
        assertNotNull("posted within a second of the commit", event);
        PergolaEvent posted = PergolaEvent.fromProperties(event::getProperty);
        assertEquals("itest.changed", posted.type());
        assertEquals(EventTypes.topic("itest.changed"), event.getTopic());
        assertEquals(Map.of("token", "[redacted]"), posted.data().get("after"));
        assertTrue(posted.sequence() > 0);
        assertTrue(eventLog.lastSequence() >= posted.sequence());
        List<PergolaEvent> logged = eventLog.after(posted.sequence() - 1, 1);
        assertEquals(posted.id(), logged.get(0).id());
        Event more = events.poll(300, TimeUnit.MILLISECONDS);
        assertTrue("the rolled-back record never becomes an event", more == null
                || !"itest.rolled_back".equals(more.getProperty(PergolaEvent.TYPE)));
    }

    @Test
    public void listShowAndVerifyFindARecordEditedInSql() throws Exception {
        String target = "t-" + UUID.randomUUID();
        audit.record(AuditEntry.of("itest.role.updated").withActor(AuditActor.user("u-alice", "alice"))
                .withTarget("role", target, "ops").withBefore(Map.of("name", "ops", "description", "old"))
                .withAfter(Map.of("name", "ops", "description", "new", "secret", "s3cr3t")));
        audit.record(AuditEntry.of("itest.role.deleted").withTarget("role", target, "ops"));
        JsonNode list = sealed("/api/v1/audit?filter[target_id]=" + target + "&sort=seq", 2);
        JsonNode updated = list.get(0);
        assertEquals("itest.role.updated", updated.path("action").asText());
        assertEquals("alice", updated.path("actor").path("name").asText());
        assertTrue("lists leave before/after out", updated.path("before").isMissingNode());
        assertEquals(2, ok(http.get("/api/v1/audit?filter[action]=itest.role.*&filter[target_id]=" + target,
                "Authorization", admin)).path("meta").path("total").asInt());
        assertEquals(1, ok(http.get("/api/v1/audit?filter[action]=itest.role.deleted&filter[target_id]=" + target
                + "&filter[occurred_at][gte]=2020-01-01", "Authorization", admin)).path("meta").path("total").asInt());
        assertEquals(1, ok(http.get("/api/v1/audit?filter[user]=u-alice&filter[target_id]=" + target,
                "Authorization", admin)).path("meta").path("total").asInt());

        JsonNode one = ok(http.get("/api/v1/audit/" + updated.path("id").asText(), "Authorization", admin)).path("data");
        assertEquals("[redacted]", one.path("after").path("secret").asText());
        assertFalse(one.toString().contains("s3cr3t"));
        assertEquals("description", one.path("changes").path(0).path("field").asText());
        assertEquals("old", one.path("changes").path(0).path("before").asText());
        assertEquals("new", one.path("changes").path(0).path("after").asText());
        Http.Reply missing = http.get("/api/v1/audit/evt_nope", "Authorization", admin);
        assertEquals(404, missing.status());
        assertEquals("RESOURCE_NOT_FOUND", missing.json().path("error").path("code").asText());

        JsonNode valid = ok(http.get("/api/v1/audit/verify", "Authorization", admin)).path("data");
        assertTrue(valid.toString(), valid.path("valid").asBoolean());
        assertTrue(valid.has("first_broken") && valid.path("first_broken").isNull());
        assertTrue(valid.path("checked").asLong() >= 2);

        long seq = updated.path("seq").asLong();
        String name = column(seq, "actor_name");
        try {
            assertEquals(1, update("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = ?", seq));
            JsonNode broken = ok(http.get("/api/v1/audit/verify", "Authorization", admin)).path("data");
            assertFalse(broken.path("valid").asBoolean());
            assertEquals(seq, broken.path("first_broken").asLong());
        } finally {
            update("UPDATE audit_log SET actor_name = '" + name + "' WHERE seq = ?", seq);
        }
        assertTrue(ok(http.get("/api/v1/audit/verify", "Authorization", admin)).path("data").path("valid").asBoolean());
    }

    @Test
    public void exportsParseAsJsonCsvAndPdfAndAreThemselvesRecorded() throws Exception {
        String target = "x-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            audit.record(AuditEntry.of("itest.thing.changed").withTarget("thing", target, "thing, \"" + i + "\"")
                    .withBefore(Map.of("n", i)).withAfter(Map.of("n", i + 1, "note", "line\nbreak")));
        }
        sealed("/api/v1/audit?filter[target_id]=" + target, 3);
        String filter = "&filter[target_id]=" + target;

        HttpResponse<byte[]> json = bytes("/api/v1/audit/export?format=json" + filter, admin);
        assertEquals(new String(json.body(), StandardCharsets.UTF_8), 200, json.statusCode());
        JsonNode array = new ObjectMapper().readTree(json.body());
        assertEquals(3, array.size());
        assertEquals("line\nbreak", array.get(0).path("after").path("note").asText());

        HttpResponse<byte[]> csv = bytes("/api/v1/audit/export?format=csv" + filter, admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8))).getRecords();
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).get("target_name").startsWith("thing, \""));
        assertEquals(target, rows.get(2).get("target_id"));
        assertEquals("line\nbreak", new ObjectMapper().readTree(rows.get(1).get("after")).path("note").asText());

        HttpResponse<byte[]> pdf = bytes("/api/v1/audit/export?format=pdf" + filter, admin);
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text, text.contains("itest.thing.changed"));
            assertTrue(text, text.contains(target));
            assertTrue(text, text.contains("3 records"));
        }

        JsonNode exported = sealed("/api/v1/audit?filter[action]=audit.exported&sort=-seq&per_page=3", 3);
        JsonNode last = ok(http.get("/api/v1/audit/" + exported.get(0).path("id").asText(), "Authorization", admin))
                .path("data");
        assertEquals("pdf", last.path("details").path("format").asText());
        assertEquals(3, last.path("details").path("count").asInt());
        assertEquals(target, last.path("details").path("filters").path("target_id").asText());

        Http.Reply bad = http.get("/api/v1/audit/export?format=xls", "Authorization", admin);
        assertEquals(422, bad.status());
    }

    @Test
    public void exportNeedsItsOwnPermissionAndAnswersWithTheEnvelope() throws Exception {
        String name = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode user = ok(send("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + USER_PASSWORD + "\"}")).path("data");
        JsonNode role = ok(send("POST", "/api/v1/roles", "{\"name\":\"" + name + "\",\"permissions\":[\"admin.audit.view\"]}"))
                .path("data");
        ok(send("POST", "/api/v1/users/" + user.path("id").asText() + "/roles/" + role.path("id").asText(), null));
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"" + USER_PASSWORD + "\"}"));
        String viewer = "Bearer " + ok(login).path("data").path("access_token").asText();

        assertEquals(200, http.get("/api/v1/audit", "Authorization", viewer).status());
        assertEquals(200, http.get("/api/v1/audit/verify", "Authorization", viewer).status());
        Http.Reply denied = http.get("/api/v1/audit/export?format=csv", "Authorization", viewer);
        assertEquals(denied.body(), 403, denied.status());
        assertEquals("PERMISSION_DENIED", denied.json().path("error").path("code").asText());
        assertEquals("admin.audit.export", denied.json().path("error").path("required_permission").asText());
        assertFalse("no stack trace: " + denied.body(), denied.body().contains("Exception") || denied.body().contains("\tat "));
        assertEquals(401, http.get("/api/v1/audit").status());
        Http.Reply badFilter = http.get("/api/v1/audit?filter[nope]=1", "Authorization", admin);
        assertEquals(422, badFilter.status());
        assertFalse(badFilter.body().contains("Exception"));
    }

    /** Polls a list until it holds {@code n} sealed records; returns its data. */
    private JsonNode sealed(String path, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode data = null;
        while (System.nanoTime() < deadline) {
            data = ok(http.get(path, "Authorization", admin)).path("data");
            boolean all = data.size() >= n;
            for (JsonNode r : data) {
                all &= r.path("seq").isNumber();
            }
            if (all) {
                return data;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not sealed in time: " + data);
    }

    private JsonNode ok(Http.Reply reply) {
        assertTrue(reply.body(), reply.status() / 100 == 2);
        return reply.json();
    }

    private Http.Reply send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path)).header("Content-Type", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        return http.send(b, "Authorization", admin);
    }

    private HttpResponse<byte[]> bytes(String path, String auth) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String column(long seq, String column) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM audit_log WHERE seq = ?")) {
            q.setLong(1, seq);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private int update(String sql, long seq) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
            u.setLong(1, seq);
            return u.executeUpdate();
        }
    }
}
