package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.After;
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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * The plugin manager through REST on the assembled distribution: lifecycle with update and automatic
 * rollback, isolation of a failing plugin, validation of bad uploads, and a plain third-party bundle as a
 * plugin. Throughout, no core bundle may stop or start.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginsIT {
    private static final String USER_PASSWORD = "plain-user-password-1";
    private static final long UPLOAD_LIMIT = 150_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;
    private String admin;
    private final List<String> coreBundleEvents = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pluginEvents = Collections.synchronizedList(new ArrayList<>());
    private SynchronousBundleListener coreWatch;
    private ServiceRegistration<EventHandler> eventWatch;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.plugins.cfg", "upload.max.bytes", Long.toString(UPLOAD_LIMIT)));
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        coreWatch = event -> {
            Bundle b = event.getBundle();
            boolean restart = event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.STARTED
                    || event.getType() == BundleEvent.UNRESOLVED;
            if (restart && !b.getLocation().startsWith("pergola-plugin:") && b.getBundleId() != context.getBundle().getBundleId()) {
                coreBundleEvents.add(b.getSymbolicName() + " " + event.getType());
            }
        };
        context.addBundleListener(coreWatch);
        Dictionary<String, Object> props = new Hashtable<>();
        // the audit trail announces each committed plugin.* record as dev/pergola/plugin/<what>: "ENABLED hello"
        props.put(EventConstants.EVENT_TOPIC, EventTypes.topic("plugin.*"));
        eventWatch = context.registerService(EventHandler.class, e -> {
            PergolaEvent event = PergolaEvent.fromProperties(e::getProperty);
            Object target = event.data().get("target");
            pluginEvents.add(event.type().substring("plugin.".length()).toUpperCase(java.util.Locale.ROOT) + " "
                    + (target instanceof java.util.Map<?, ?> t ? t.get("id") : null));
        }, props);
    }

    @After
    public void tearDown() {
        context.removeBundleListener(coreWatch);
        eventWatch.unregister();
    }

    @Test
    public void helloLivesThroughEnableDisableUpdateRollbackAndUninstall() throws Exception {
        String user = plainUser();
        Http.Reply installed = upload("/api/v1/plugins", "pergola-sample-hello", true);
        assertEquals(installed.body(), 201, installed.status());
        JsonNode plugin = installed.json().path("data");
        assertEquals("hello", plugin.path("slug").asText());
        assertEquals("1.0.0", plugin.path("version").asText());
        assertEquals("disabled", plugin.path("state").asText());
        assertEquals(404, http.get("/api/v1/hello", "Authorization", admin).status());

        Http.Reply enabled = post("/api/v1/plugins/hello/enable");
        assertEquals(enabled.body(), 200, enabled.status());
        assertEquals("active", enabled.json().path("data").path("state").asText());
        assertEquals("1.0.0", awaitHello().path("version").asText());
        Http.Reply denied = http.get("/api/v1/hello", "Authorization", user);
        assertEquals("the plugin's own permission is enforced", 403, denied.status());
        assertEquals("hello.greet", denied.json().path("error").path("required_permission").asText());

        JsonNode details = http.get("/api/v1/plugins/hello", "Authorization", admin).json().path("data");
        assertTrue(details.toString(), details.path("rest_endpoints").toString().contains("GET /api/v1/hello"));
        assertEquals("[\"hello.greet\"]", details.path("permissions").toString());
        assertFalse(details.path("requirements").toString().contains("\"met\":false"));
        assertTrue(http.get("/api/v1/permissions?per_page=100", "Authorization", admin).body().contains("hello.greet"));

        assertEquals(200, post("/api/v1/plugins/hello/disable").status());
        awaitStatus("/api/v1/hello", 404);
        assertEquals(200, post("/api/v1/plugins/hello/enable").status());
        awaitHello();

        Http.Reply v2 = send("POST", "/api/v1/plugins/hello/update", "application/java-archive",
                BodyPublishers.ofByteArray(fixture("pergola-fixture-hello-v2")));
        assertEquals(v2.body(), 200, v2.status());
        assertEquals("1.0.0", v2.json().path("data").path("old_version").asText());
        assertEquals("2.0.0", v2.json().path("data").path("new_version").asText());
        assertEquals("2.0.0", awaitHelloVersion("2.0.0").path("version").asText());

        Http.Reply broken = upload("/api/v1/plugins/hello/update", "pergola-fixture-hello-broken", false);
        assertEquals(broken.body(), 422, broken.status());
        JsonNode error = broken.json().path("error");
        assertEquals("PLUGIN_FAILED", error.path("code").asText());
        assertTrue(error.toString(), error.path("message").asText().contains("missing greeting table"));
        assertTrue(error.toString(), error.path("message").asText().contains("Rolled back to 2.0.0"));
        assertEquals("v2 still answers after the rollback", "2.0.0", awaitHelloVersion("2.0.0").path("version").asText());
        assertEquals("2.0.0", http.get("/api/v1/plugins/hello", "Authorization", admin).json().path("data").path("plugin")
                .path("version").asText());

        Http.Reply downgrade = upload("/api/v1/plugins/hello/update", "pergola-sample-hello", false);
        assertEquals(downgrade.body(), 422, downgrade.status());
        assertTrue(downgrade.body(), downgrade.body().contains("force=true"));

        assertEquals(204, send("DELETE", "/api/v1/plugins/hello", null, BodyPublishers.noBody()).status());
        assertEquals(404, http.get("/api/v1/plugins/hello", "Authorization", admin).status());
        awaitStatus("/api/v1/hello", 404);
        assertTrue(Arrays.stream(context.getBundles()).noneMatch(b -> "dev.pergola.sample.hello".equals(b.getSymbolicName())));

        assertEquals("no core bundle restarted: " + coreBundleEvents, List.of(), coreBundleEvents);
        for (String expected : List.of("INSTALLED hello", "ENABLED hello", "DISABLED hello", "UPDATED hello", "FAILED hello",
                "UNINSTALLED hello")) {
            awaitEvent(expected);
        }
    }

    @Test
    public void aFailingPluginIsReportedWhileOthersKeepServing() throws Exception {
        String user = plainUser();
        Http.Reply notes = send("POST", "/api/v1/plugins?enable=true", "application/json", BodyPublishers.ofString(
                "{\"url\":\"mvn:dev.pergola/pergola-fixture-plain-notes/" + System.getProperty("pergola.version") + "\"}"));
        assertEquals(notes.body(), 201, notes.status());
        assertEquals("active", notes.json().path("data").path("state").asText());
        Http.Reply list = awaitStatus("/api/v1/notes", 200);
        assertEquals("first note", list.json().path("data").get(0).path("text").asText());
        Http.Reply denied = http.get("/api/v1/notes", "Authorization", user);
        assertEquals("a plain OSGi bundle's @RolesAllowed is enforced", 403, denied.status());
        assertEquals("acme.notes.view", denied.json().path("error").path("required_permission").asText());
        assertEquals(401, http.get("/api/v1/notes").status());

        Http.Reply failing = upload("/api/v1/plugins?enable=true", "pergola-fixture-failing-activate", true);
        assertEquals(failing.body(), 201, failing.status());
        JsonNode plugin = failing.json().path("data");
        assertEquals("failed", plugin.path("state").asText());
        assertTrue(plugin.toString(), plugin.path("last_error").asText().contains("activate refused by design"));
        Http.Reply again = post("/api/v1/plugins/failing/enable");
        assertEquals(again.body(), 422, again.status());
        assertEquals("PLUGIN_FAILED", again.json().path("error").path("code").asText());

        Http.Reply health = http.get("/api/health", "Authorization", admin);
        assertEquals("a failed plugin degrades, it does not take the node out", 200, health.status());
        assertEquals("WARN", health.json().path("status").asText());
        assertTrue(health.body(), health.json().path("checks").path("plugins").path("message").asText().contains("failing"));
        assertEquals("UP", health.json().path("checks").path("components").path("status").asText());
        assertEquals("the other plugin still serves", 200, http.get("/api/v1/notes", "Authorization", admin).status());
        assertEquals(200, http.get("/api/v1/status", "Authorization", admin).status());

        assertEquals(200, post("/api/v1/plugins/failing/disable").status());
        assertEquals(204, send("DELETE", "/api/v1/plugins/failing?purge=true", null, BodyPublishers.noBody()).status());
        assertEquals(204, send("DELETE", "/api/v1/plugins/notes", null, BodyPublishers.noBody()).status());
        // the plugins check is back UP (the node as a whole may WARN for other reasons: no SMTP server configured)
        Http.Reply healed = http.get("/api/health", "Authorization", admin);
        assertEquals(healed.body(), "UP", healed.json().path("checks").path("plugins").path("status").asText());
        assertEquals("no core bundle restarted: " + coreBundleEvents, List.of(), coreBundleEvents);
        awaitEvent("FAILED failing");
    }

    @Test
    public void badUploadsAreRefusedAndLeaveTheFrameworkAsItWas() throws Exception {
        List<Long> before = bundleIds();
        String user = plainUser();
        assertEquals(401, http.post("/api/v1/plugins", "application/java-archive",
                BodyPublishers.ofByteArray(fixture("pergola-sample-hello"))).status());
        assertEquals(403, http.post("/api/v1/plugins", "application/java-archive",
                BodyPublishers.ofByteArray(fixture("pergola-sample-hello")), "Authorization", user).status());

        refused(send("POST", "/api/v1/plugins", "application/java-archive", BodyPublishers.ofByteArray(new byte[0])),
                422, "empty");
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        refused(send("POST", "/api/v1/plugins", "application/octet-stream", BodyPublishers.ofByteArray(random)), 422,
                "not a jar");
        refused(upload("/api/v1/plugins", "pergola-fixture-not-a-plugin", true), 422, "no Pergola-Plugin header");
        refused(upload("/api/v1/plugins", "pergola-fixture-needs-missing", true), 422, "com.example.does.not.exist");
        byte[] huge = new byte[(int) UPLOAD_LIMIT + 10_000];
        refused(send("POST", "/api/v1/plugins", "application/java-archive", BodyPublishers.ofByteArray(huge)), 413,
                "larger than");
        refused(multipart("/api/v1/plugins", "other_field", fixture("pergola-sample-hello")), 422, "plugin_file");
        refused(send("POST", "/api/v1/plugins", "application/json", BodyPublishers.ofString("{\"url\":\"http://example.com/x.jar\"}")),
                422, "not allowed");
        refused(post("/api/v1/plugins/no-such-plugin/enable"), 404, "no-such-plugin");

        assertEquals("the framework's bundle list is unchanged", before, bundleIds());
        assertEquals(0, http.get("/api/v1/plugins", "Authorization", admin).json().path("meta").path("total").asInt());
        Path incoming = Paths.get(System.getProperty("karaf.data"), "plugins", "incoming");
        try (var files = Files.list(incoming)) {
            assertEquals("no upload left behind", List.of(), files.toList());
        }
    }

    @Test
    public void dependenciesBetweenPluginsAreRespectedOrCascaded() throws Exception {
        assertEquals(201, upload("/api/v1/plugins", "pergola-fixture-lib-provider", true).status());
        Http.Reply consumer = upload("/api/v1/plugins?enable=true", "pergola-fixture-lib-consumer", true);
        assertEquals("installed even though it cannot be enabled yet", 201, consumer.status());
        assertEquals("disabled", consumer.json().path("data").path("state").asText());
        assertTrue(consumer.body(), consumer.json().path("data").path("last_error").asText().contains("greetlib"));
        assertEquals("[\"greeter\"]", http.get("/api/v1/plugins/greetlib", "Authorization", admin).json().path("data")
                .path("dependants").toString());

        Http.Reply blocked = post("/api/v1/plugins/greeter/enable");
        assertEquals(blocked.body(), 409, blocked.status());
        assertTrue(blocked.body(), blocked.body().contains("greetlib") && blocked.body().contains("cascade=true"));
        Http.Reply cascaded = post("/api/v1/plugins/greeter/enable?cascade=true");
        assertEquals(cascaded.body(), 200, cascaded.status());
        assertEquals("active", http.get("/api/v1/plugins/greetlib", "Authorization", admin).json().path("data")
                .path("plugin").path("state").asText());

        Http.Reply needed = post("/api/v1/plugins/greetlib/disable");
        assertEquals(needed.body(), 409, needed.status());
        assertTrue(needed.body(), needed.body().contains("greeter"));
        assertEquals(409, send("DELETE", "/api/v1/plugins/greetlib", null, BodyPublishers.noBody()).status());
        assertEquals(200, post("/api/v1/plugins/greetlib/disable?cascade=true").status());
        assertEquals("disabled", http.get("/api/v1/plugins/greeter", "Authorization", admin).json().path("data")
                .path("plugin").path("state").asText());
        assertEquals(204, send("DELETE", "/api/v1/plugins/greetlib?cascade=true", null, BodyPublishers.noBody()).status());
        assertEquals(404, http.get("/api/v1/plugins/greeter", "Authorization", admin).status());
        assertEquals("no core bundle restarted: " + coreBundleEvents, List.of(), coreBundleEvents);
    }

    @Test
    public void configurationIsCheckedAgainstThePluginsMetatype() throws Exception {
        assertEquals(201, upload("/api/v1/plugins?enable=true", "pergola-sample-hello", true).status());
        try {
            assertEquals("Hello from Pergola", awaitHello().path("message").asText());
            List<Long> before = bundleIds();
            Http.Reply duplicate = upload("/api/v1/plugins", "pergola-fixture-hello-v2", true);
            assertEquals(duplicate.body(), 409, duplicate.status());
            assertTrue(duplicate.body(), duplicate.body().contains("update it instead"));
            assertEquals(before, bundleIds());
            JsonNode config = http.get("/api/v1/plugins/hello/config", "Authorization", admin).json().path("data");
            assertEquals("dev.pergola.sample.hello", config.get(0).path("pid").asText());
            assertEquals("greeting", config.get(0).path("attributes").get(0).path("id").asText());
            Http.Reply unknown = send("PUT", "/api/v1/plugins/hello/config", "application/json", BodyPublishers.ofString(
                    "{\"pid\":\"dev.pergola.sample.hello\",\"values\":{\"greting\":\"typo\"}}"));
            assertEquals(unknown.body(), 422, unknown.status());
            assertTrue(unknown.body(), unknown.json().path("error").path("details").has("greting"));
            Http.Reply set = send("PUT", "/api/v1/plugins/hello/config", "application/json", BodyPublishers.ofString(
                    "{\"pid\":\"dev.pergola.sample.hello\",\"values\":{\"greeting\":\"Bonjour\"}}"));
            assertEquals(set.body(), 200, set.status());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String message = "";
            while (!message.equals("Bonjour") && System.nanoTime() < deadline) {
                Http.Reply hello = http.get("/api/v1/hello", "Authorization", admin);
                message = hello.status() == 200 ? hello.json().path("data").path("message").asText() : "";
                Thread.sleep(100);
            }
            assertEquals("Bonjour", message);
        } finally {
            assertEquals(204, send("DELETE", "/api/v1/plugins/hello?purge=true", null, BodyPublishers.noBody()).status());
        }
        assertNull("purge deletes the plugin's configuration",
                configAdmin.listConfigurations("(service.pid=dev.pergola.sample.hello)"));
    }

    @Test
    public void discoveryInstallsThePluginJarsDroppedInDeploy() throws Exception {
        Path deploy = Paths.get(System.getProperty("karaf.base"), "deploy");
        Files.createDirectories(deploy);
        Files.write(deploy.resolve("notes.jar"), fixture("pergola-fixture-plain-notes"));
        Files.write(deploy.resolve("nothing.jar"), fixture("pergola-fixture-not-a-plugin"));
        try {
            Http.Reply found = post("/api/v1/plugins/discover");
            assertEquals(found.body(), 200, found.status());
            String results = found.json().path("data").toString();
            assertTrue(results, results.contains("\"file\":\"notes.jar\",\"outcome\":\"installed\",\"slug\":\"notes\""));
            assertTrue(results, results.contains("\"file\":\"nothing.jar\",\"outcome\":\"skipped\""));
            assertEquals(200, awaitStatus("/api/v1/notes", 200).status());
            Http.Reply again = post("/api/v1/plugins/discover");
            assertTrue(again.body(), again.json().path("data").toString().contains("\"outcome\":\"unchanged\""));
            assertEquals(1, http.get("/api/v1/plugins?state=active&search=note", "Authorization", admin).json()
                    .path("meta").path("total").asInt());
            assertEquals(0, http.get("/api/v1/plugins?state=failed", "Authorization", admin).json()
                    .path("meta").path("total").asInt());
            Http.Reply sparse = http.get("/api/v1/plugins?filter%5Bstate%5D=active&search=NOTE&fields=slug,state",
                    "Authorization", admin);
            assertEquals(sparse.body(), "[{\"slug\":\"notes\",\"state\":\"active\"}]", sparse.json().path("data").toString());
            Http.Reply badSort = http.get("/api/v1/plugins?sort=checksum", "Authorization", admin);
            assertEquals(badSort.body(), 422, badSort.status());
            assertTrue(badSort.body(), badSort.json().path("error").path("details").has("sort"));
        } finally {
            Files.deleteIfExists(deploy.resolve("notes.jar"));
            Files.deleteIfExists(deploy.resolve("nothing.jar"));
            send("DELETE", "/api/v1/plugins/notes", null, BodyPublishers.noBody());
        }
    }

    @Test
    public void aKarIsOnePluginOfSeveralBundles() throws Exception {
        byte[] kar = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-fixture-kar-plugin.kar"));
        Http.Reply installed = multipart("/api/v1/plugins?enable=true", "plugin_file", kar);
        assertEquals(installed.body(), 201, installed.status());
        assertEquals("shelf", installed.json().path("data").path("slug").asText());
        assertEquals("active", installed.json().path("data").path("state").asText());
        Http.Reply books = awaitStatus("/api/v1/shelf", 200);
        assertTrue(books.body(), books.body().contains("OSGi in Depth"));
        JsonNode details = http.get("/api/v1/plugins/shelf", "Authorization", admin).json().path("data");
        assertEquals(details.toString(), 2, details.path("bundles").size());
        assertTrue(Arrays.stream(context.getBundles()).anyMatch(b -> b.getLocation().equals("pergola-plugin:shelf/com.example.karlib")));

        assertEquals(200, post("/api/v1/plugins/shelf/disable").status());
        awaitStatus("/api/v1/shelf", 404);
        assertEquals(200, post("/api/v1/plugins/shelf/enable").status());
        awaitStatus("/api/v1/shelf", 200);
        assertEquals(204, send("DELETE", "/api/v1/plugins/shelf", null, BodyPublishers.noBody()).status());
        awaitStatus("/api/v1/shelf", 404);
        assertTrue("the library went with the plugin", Arrays.stream(context.getBundles())
                .noneMatch(b -> b.getLocation().startsWith("pergola-plugin:shelf")));
        assertEquals("no core bundle restarted: " + coreBundleEvents, List.of(), coreBundleEvents);
    }

    /**
     * Issue 8, finding 8 (SSRF around the scheme allow-list) and the core-name item of 14: the refusals come
     * before any I/O and say nothing about hosts or ports; the distribution tries no public repository.
     */
    @Test
    public void urlInstallsResolvePlainCoordinatesFromConfiguredRepositoriesOnly() throws Exception {
        List<Long> before = bundleIds();
        Http.Reply ssrf = send("POST", "/api/v1/plugins", "application/json",
                BodyPublishers.ofString("{\"url\":\"mvn:http://127.0.0.1:1/x!g/a/1.0\"}"));
        refused(ssrf, 422, "plain coordinates");
        assertEquals("VALIDATION_ERROR", ssrf.json().path("error").path("code").asText());
        assertFalse(ssrf.body(), ssrf.body().contains("127.0.0.1") || ssrf.body().contains("Connection"));

        Http.Reply unknown = send("POST", "/api/v1/plugins", "application/json",
                BodyPublishers.ofString("{\"url\":\"mvn:com.example.nowhere/no-such-plugin/9.9.9\"}"));
        refused(unknown, 422, "Could not resolve mvn:com.example.nowhere/no-such-plugin/9.9.9");
        for (String leak : List.of("Exception", "http", "repo1", "system.repository", "Could not find artifact")) {
            assertFalse(leak + " in " + unknown.body(), unknown.body().contains(leak));
        }

        Path jar = Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-hello.jar");
        refused(send("POST", "/api/v1/plugins", "application/json",
                BodyPublishers.ofString("{\"url\":\"" + jar.toUri() + "\"}")), 422, "'file' is not allowed");

        org.osgi.service.cm.Configuration[] resolver = configAdmin.listConfigurations("(service.pid=org.ops4j.pax.url.mvn)");
        assertEquals(1, resolver.length);
        Object remote = resolver[0].getProperties().get("org.ops4j.pax.url.mvn.repositories");
        assertTrue("no remote repository by default: " + remote, remote == null || remote.toString().isBlank());

        for (String coreName : List.of("dev.pergola.identity", "core")) {
            Http.Reply impostor = send("POST", "/api/v1/plugins", "application/java-archive",
                    BodyPublishers.ofByteArray(pluginJar(coreName, "impostor")));
            refused(impostor, 422, "belongs to the platform");
        }
        assertEquals("the framework's bundle list is unchanged", before, bundleIds());
        assertEquals(0, http.get("/api/v1/plugins", "Authorization", admin).json().path("meta").path("total").asInt());
    }

    /**
     * Issue 8, item of 14: a stored artifact is hashed again before the framework gets it back. The framework
     * loses the plugin (as with a wiped data/cache) while its stored file was changed on disk: reconciling
     * refuses the file and marks the plugin failed, saying why.
     */
    @Test
    public void aTamperedStoredArtifactIsNotReinstalled() throws Exception {
        byte[] hello = fixture("pergola-sample-hello");
        assertEquals(201, upload("/api/v1/plugins?enable=true", "pergola-sample-hello", true).status());
        try {
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(hello));
            Path stored = Paths.get(System.getProperty("karaf.data"), "plugins", "artifacts", sha + ".jar");
            assertTrue(stored + " exists", Files.isRegularFile(stored));
            byte[] tampered = hello.clone();
            tampered[tampered.length / 2] ^= 0x5a;
            Files.write(stored, tampered);
            Bundle bundle = Arrays.stream(context.getBundles()).filter(b -> b.getLocation().equals("pergola-plugin:hello"))
                    .findFirst().orElseThrow();
            bundle.uninstall();

            Http.Reply reconciled = post("/api/v1/plugins/reconcile");
            assertEquals(reconciled.body(), 200, reconciled.status());
            JsonNode plugin = http.get("/api/v1/plugins/hello", "Authorization", admin).json().path("data").path("plugin");
            assertEquals(plugin.toString(), "failed", plugin.path("state").asText());
            assertTrue(plugin.toString(), plugin.path("last_error").asText().contains("does not match its SHA-256"));
            assertTrue("the tampered file was not installed", Arrays.stream(context.getBundles())
                    .noneMatch(b -> b.getLocation().startsWith("pergola-plugin:hello")));
        } finally {
            assertEquals(204, send("DELETE", "/api/v1/plugins/hello", null, BodyPublishers.noBody()).status());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A minimal plugin jar built here: a manifest and one resource. */
    private static byte[] pluginJar(String symbolicName, String slug) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Pergola-Plugin", slug);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new java.util.zip.ZipEntry("impostor.txt"));
            jar.write("not the platform".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void refused(Http.Reply reply, int status, String reason) {
        assertEquals(reply.body(), status, reply.status());
        assertTrue(reply.body(), reply.json().path("error").path("message").asText().contains(reason));
        assertNull(reply.json().path("data").textValue());
    }

    private List<Long> bundleIds() {
        return Arrays.stream(context.getBundles()).map(Bundle::getBundleId).sorted().toList();
    }

    private String plainUser() {
        String name = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply created = send("POST", "/api/v1/users", "application/json", BodyPublishers.ofString("{\"username\":\""
                + name + "\",\"email\":\"" + name + "@example.test\",\"password\":\"" + USER_PASSWORD + "\"}"));
        assertEquals(created.body(), 201, created.status());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"" + USER_PASSWORD + "\"}"));
        return "Bearer " + login.json().path("data").path("access_token").asText();
    }

    private JsonNode awaitHello() {
        return awaitStatus("/api/v1/hello", 200).json().path("data");
    }

    private JsonNode awaitHelloVersion(String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Reply reply;
        do {
            reply = http.get("/api/v1/hello", "Authorization", admin);
            if (reply.status() == 200 && version.equals(reply.json().path("data").path("version").asText())) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return reply.json().path("data");
    }

    /** The JAX-RS whiteboard adds and removes resources asynchronously: poll briefly. */
    private Http.Reply awaitStatus(String path, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Reply reply;
        do {
            reply = http.get(path, "Authorization", admin);
            if (reply.status() == status) {
                return reply;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        assertEquals(path + ": " + reply.body(), status, reply.status());
        return reply;
    }

    private void awaitEvent(String expected) throws InterruptedException {
        for (int i = 0; i < 50 && !pluginEvents.contains(expected); i++) {
            Thread.sleep(100);
        }
        assertTrue(expected + " in " + pluginEvents, pluginEvents.contains(expected));
    }

    private Http.Reply post(String path) {
        return send("POST", path, null, BodyPublishers.noBody());
    }

    private Http.Reply upload(String path, String fixture, boolean asMultipart) throws IOException {
        return asMultipart ? multipart(path, "plugin_file", fixture(fixture))
                : send("POST", path, "application/java-archive", BodyPublishers.ofByteArray(fixture(fixture)));
    }

    private Http.Reply multipart(String path, String field, byte[] content) throws IOException {
        String boundary = "pergola-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"plugin.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private Http.Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b, "Authorization", admin);
    }

    private static byte[] fixture(String artifactId) throws IOException {
        return Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), artifactId + ".jar"));
    }
}
