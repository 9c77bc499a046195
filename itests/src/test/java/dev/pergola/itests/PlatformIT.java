package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.persistence.MigratedSchema;

/** The assembled distribution on its embedded H2 database, asserted through real HTTP and runtime DTOs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PlatformIT {
    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    @Inject
    @Filter(value = "(pergola.schema.owner=dev.pergola.persistence)", timeout = 60000)
    private MigratedSchema platformSchema;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private JaxrsServiceRuntime jaxrs;

    private Http http;
    private ServiceRegistration<EchoResource> echo;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        echo = EchoResource.register(context, http);
    }

    @After
    public void tearDown() {
        echo.unregister();
    }

    @Test
    public void healthIsUpWithEveryCheckDetailed() throws Exception {
        Http.Reply reply = http.get("/api/health", "Authorization", "Bearer " + Admin.login(http));
        assertEquals(reply.body(), 200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        JsonNode json = reply.json();
        // a fresh node has no SMTP server configured: the email check warns (mail waits in the queue), and only it
        assertEquals(reply.body(), "WARN", json.path("status").asText());
        assertEquals(reply.body(), "WARN", json.path("checks").path("email").path("status").asText());
        assertTrue(reply.body(), json.path("checks").path("email").path("message").asText().contains("wait in the queue"));
        json.path("checks").fields().forEachRemaining(c -> assertTrue(reply.body(),
                c.getKey().equals("email") || c.getValue().path("status").asText().equals("UP")));
        for (String check : List.of("database", "migrations", "bundles", "components")) {
            assertEquals(check + " in " + reply.body(), "UP", json.path("checks").path(check).path("status").asText());
        }
        assertEquals("h2", json.path("checks").path("database").path("details").path("type").asText());
        assertEquals(200, http.get("/api/health/live").status());
        assertEquals(200, http.get("/api/health/ready").status());
    }

    @Test
    public void statusTellsVersionDatabaseStoragePluginsAndUptime() throws Exception {
        assertEquals(401, http.get("/api/v1/status").status());
        Http.Reply reply = http.get("/api/v1/status", "Authorization", "Bearer " + Admin.login(http));
        assertEquals(reply.body(), 200, reply.status());
        JsonNode data = reply.json().path("data");
        assertTrue(data.path("version").asText().startsWith("0.1.0"));
        assertEquals("h2", data.path("database").path("type").asText());
        assertTrue(data.path("database").path("product").asText().startsWith("H2"));
        assertTrue(data.path("storage").path("free_bytes").asLong() > 0);
        assertEquals(0, data.path("plugins").path("installed").asInt());
        assertTrue(data.path("uptime_seconds").asLong() >= 0);
        assertEquals(36, data.path("installation").path("id").asText().length());
    }

    @Test
    public void unknownRouteGetsTheEnvelopeAndTheRequestIdIsEchoed() {
        Http.Reply reply = http.get("/api/v1/no-such-thing", "X-Request-ID", "itest-42");
        assertEquals(404, reply.status());
        assertEquals("itest-42", reply.header("X-Request-ID"));
        JsonNode error = reply.json().path("error");
        assertEquals("RESOURCE_NOT_FOUND", error.path("code").asText());
        assertEquals("itest-42", error.path("request_id").asText());
        assertFalse(error.path("timestamp").asText().isEmpty());

        Http.Reply generated = http.get("/elsewhere", "X-Request-ID", "bad id\twith tab");
        assertEquals(404, generated.status());
        assertEquals("RESOURCE_NOT_FOUND", generated.json().path("error").path("code").asText());
        assertEquals(36, generated.header("X-Request-ID").length());
    }

    @Test
    public void openApiDescribesPlatformAndPluginResourcesAndDocsAreServedLocally() {
        Http.Reply reply = http.get("/api/openapi.json");
        assertEquals(reply.body(), 200, reply.status());
        JsonNode paths = reply.json().path("paths");
        assertEquals("3.0.3", reply.json().path("openapi").asText());
        assertEquals(paths.toString(), "admin.monitoring.view",
                paths.path("/api/v1/status").path("get").path("x-required-permissions").get(0).asText());
        assertEquals(0, paths.path("/api/health").path("get").path("security").size());
        assertTrue("a plugin's resource is included", paths.has("/api/itest/echo"));
        assertTrue(paths.has("/api/v1/auth/login"));

        Http.Reply docs = http.get("/api/docs");
        assertEquals(200, docs.status());
        assertTrue(docs.header("Content-Type").startsWith("text/html"));
        assertTrue(docs.body().contains("swagger-ui-bundle.js"));
        assertTrue("Swagger UI keeps no bearer token in localStorage",
                http.get("/api/docs/init.js").body().contains("persistAuthorization: false"));
        assertFalse("no external URLs", docs.body().contains("http://") || docs.body().contains("https://"));
        assertEquals(200, http.get("/api/docs/assets/swagger-ui-bundle.js").status());
        assertEquals(200, http.get("/api/docs/init.js").status());
        assertEquals(404, http.get("/api/docs/assets/nothing.js").status());
    }

    @Test
    public void openApiDescribesListParametersAndTypedResponseBodies() {
        JsonNode doc = http.get("/api/openapi.json").json();
        JsonNode users = doc.path("paths").path("/api/v1/users").path("get");
        List<String> names = new java.util.ArrayList<>();
        users.path("parameters").forEach(p -> names.add(p.path("name").asText()));
        assertTrue(names.toString(), names.containsAll(List.of("page", "per_page", "sort", "search", "fields",
                "filter[status]", "filter[created_at]")));
        JsonNode sort = parameter(users, "sort");
        assertTrue(sort.toString(), sort.path("x-sortable").toString().contains("\"created_at\""));
        assertEquals("-created_at", sort.path("schema").path("default").asText());
        for (String list : List.of("/api/v1/roles", "/api/v1/permissions", "/api/v1/plugins", "/api/v1/auth/sessions",
                "/api/v1/auth/api-keys")) {
            assertEquals(list, "integer", parameter(doc.path("paths").path(list).path("get"), "per_page")
                    .path("schema").path("type").asText());
        }

        JsonNode plugins = ok(doc.path("paths").path("/api/v1/plugins").path("get"));
        assertEquals(plugins.toString(), "#/components/schemas/PageMeta", plugins.path("properties").path("meta").path("$ref").asText());
        JsonNode plugin = schema(doc, plugins.path("properties").path("data").path("items"));
        assertEquals("date-time", plugin.path("properties").path("installed_at").path("format").asText());
        assertTrue(plugin.toString(), plugin.path("properties").path("state").path("enum").toString().contains("\"failed\""));
        JsonNode details = schema(doc, ok(doc.path("paths").path("/api/v1/plugins/{slug}").path("get")).path("properties").path("data"));
        assertEquals("array", details.path("properties").path("rest_endpoints").path("type").asText());
        JsonNode requirement = schema(doc, details.path("properties").path("requirements").path("items"));
        assertEquals("boolean", requirement.path("properties").path("met").path("type").asText());

        JsonNode user = schema(doc, ok(users).path("properties").path("data").path("items"));
        assertEquals(user.toString(), "date-time", user.path("properties").path("created_at").path("format").asText());
        assertTrue(user.toString(), user.path("properties").path("password_hash").isMissingNode());
        JsonNode role = schema(doc, ok(doc.path("paths").path("/api/v1/roles").path("get")).path("properties")
                .path("data").path("items"));
        assertEquals(role.toString(), "boolean", role.path("properties").path("is_system").path("type").asText());
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static JsonNode ok(JsonNode operation) {
        return operation.path("responses").path("200").path("content").path("application/json").path("schema");
    }

    private static JsonNode schema(JsonNode doc, JsonNode ref) {
        String target = ref.path("$ref").asText();
        assertTrue(ref.toString(), target.startsWith("#/components/schemas/"));
        return doc.path("components").path("schemas").path(target.substring("#/components/schemas/".length()));
    }

    @Test
    public void aPluginResourceGetsJsonInAndOut() {
        Http.Reply reply = http.post("/api/itest/echo", "application/json", BodyPublishers.ofString("{\"name\":\"x\",\"count\":2}"));
        assertEquals(reply.body(), 200, reply.status());
        assertEquals(2, reply.json().path("data").path("count").asInt());
    }

    @Test
    public void malformedJsonIs400WithTheEnvelope() {
        Http.Reply reply = http.post("/api/itest/echo", "application/json", BodyPublishers.ofString("{\"name\": "));
        assertEquals(reply.body(), 400, reply.status());
        assertEquals("MALFORMED_REQUEST", reply.json().path("error").path("code").asText());
        assertNoStackTrace(reply);
    }

    @Test
    public void unknownAndMistypedFieldsAre422NamingTheField() {
        Http.Reply unknown = http.post("/api/itest/echo", "application/json",
                BodyPublishers.ofString("{\"name\":\"x\",\"is_admin\":true}"));
        assertEquals(unknown.body(), 422, unknown.status());
        assertEquals("VALIDATION_ERROR", unknown.json().path("error").path("code").asText());
        assertTrue(unknown.body(), unknown.json().path("error").path("details").has("is_admin"));

        Http.Reply mistyped = http.post("/api/itest/echo", "application/json",
                BodyPublishers.ofString("{\"name\":\"x\",\"count\":\"many\"}"));
        assertEquals(mistyped.body(), 422, mistyped.status());
        assertTrue(mistyped.body(), mistyped.json().path("error").path("details").has("count"));
    }

    @Test
    public void wrongContentTypeIs415() {
        Http.Reply reply = http.post("/api/itest/echo", "text/plain", BodyPublishers.ofString("name=x"));
        assertEquals(reply.body(), 415, reply.status());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", reply.json().path("error").path("code").asText());
    }

    @Test
    public void aWrongMethodIs405WithAllow() {
        Http.Reply reply = http.post("/api/v1/status", "application/json", BodyPublishers.ofString("{}"));
        assertEquals(reply.body(), 405, reply.status());
        assertEquals("METHOD_NOT_ALLOWED", reply.json().path("error").path("code").asText());
        assertTrue(String.valueOf(reply.header("Allow")), String.valueOf(reply.header("Allow")).contains("GET"));
    }

    @Test
    public void aTenMegabyteBodyIs413() {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        Http.Reply reply = http.post("/api/itest/echo", "application/json", BodyPublishers.ofByteArray(big));
        assertEquals(reply.body(), 413, reply.status());
        assertEquals("PAYLOAD_TOO_LARGE", reply.json().path("error").path("code").asText());

        // chunked: no Content-Length, refused while streaming
        Http.Reply chunked = http.post("/api/itest/echo", "application/json",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        assertEquals(chunked.body(), 413, chunked.status());
    }

    @Test
    public void anExceptionIsAGeneric500WithoutDetails() {
        Http.Reply reply = http.get("/api/itest/boom");
        assertEquals(reply.body(), 500, reply.status());
        JsonNode error = reply.json().path("error");
        assertEquals("INTERNAL_ERROR", error.path("code").asText());
        assertFalse(reply.body().contains("secret internal detail"));
        assertNoStackTrace(reply);
        assertTrue(error.path("message").asText().contains(reply.header("X-Request-ID")));
    }

    @Test
    public void migrationsCreatedThePlatformTablesAndTheInstallationRow() throws Exception {
        assertEquals("1", platformSchema.version());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pergola_installation")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + platformSchema.historyTable() + "\" WHERE \"success\"")) {
            assertTrue(rs.next());
            assertTrue(rs.getInt(1) >= 1);
        }
    }

    @Test
    public void everyPergolaComponentRunsAndTheJaxrsRuntimeHasNoFailures() {
        List<String> notRunning = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("dev.pergola."))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .filter(c -> c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED)
                .map(c -> c.description.name + " state " + c.state)
                .collect(Collectors.toList());
        assertTrue(notRunning.toString(), notRunning.isEmpty());

        RuntimeDTO runtime = jaxrs.getRuntimeDTO();
        assertEquals(0, runtime.failedApplicationDTOs.length);
        assertEquals(Arrays.toString(runtime.failedResourceDTOs), 0, runtime.failedResourceDTOs.length);
        assertEquals(Arrays.toString(runtime.failedExtensionDTOs), 0, runtime.failedExtensionDTOs.length);
        assertTrue(Arrays.stream(runtime.applicationDTOs).map(a -> a.name + "@" + a.base).collect(Collectors.joining(", ")),
                Arrays.stream(runtime.applicationDTOs).anyMatch(a -> "pergola".equals(a.name) && a.base.matches("/?api/?")));
    }

    private static void assertNoStackTrace(Http.Reply reply) {
        assertFalse(reply.body(), reply.body().contains("\tat ") || reply.body().contains("Exception"));
    }

}
