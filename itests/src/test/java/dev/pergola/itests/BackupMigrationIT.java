package dev.pergola.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.testkit.PostgresServer;

/**
 * Black-box: a backup made on the embedded H2 database restores into a node configured for PostgreSQL (the
 * documented way to move to PostgreSQL) with its users, roles, API keys, plugins and audit chain; a backup of that
 * PostgreSQL node restores back into H2. Refused backups (corrupted, truncated, wrong passphrase, a traversal name)
 * change nothing.
 */
public class BackupMigrationIT {
    private static final String CAROL_PASSWORD = "correct-horse-battery-7";

    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    private static BlackBoxNode h2;
    private static BlackBoxNode pg;

    @BeforeClass
    public static void unpack() throws Exception {
        h2 = BlackBoxNode.unpack("dist-backup-h2", null);
        String url = POSTGRES.createDatabase("pergola_backup");
        pg = BlackBoxNode.unpack("dist-backup-pg", "type = postgresql\nurl = " + url + "\nuser = "
                + PostgresServer.USER + "\npassword = " + PostgresServer.PASSWORD + "\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (h2 != null) {
            h2.stop();
        }
        if (pg != null) {
            pg.stop();
        }
    }

    @Test
    public void h2ToPostgresAndBackWithRefusalsThatChangeNothing() throws Exception {
        h2.start();
        String admin = h2.admin();
        String note = "backup note " + UUID.randomUUID();
        String apiKey = seed(h2, admin, note);

        // create → 201 (done quickly) or 202 (poll) → ready
        String name = createBackup(h2, admin, "{\"include_uploads\":true,\"compression\":true}");
        JsonNode listed = ok(h2.http.get("/api/v1/backups", "Authorization", admin));
        assertTrue(listed.toString(), listed.path("data").toString().contains(name));
        byte[] file = download(h2, admin, name);
        assertRange(h2, admin, name, file);

        // verify: checksums + trial restore into scratch H2 + restore checks (audit chain)
        JsonNode verified = ok(post(h2, admin, "/api/v1/backups/" + name + "/verify", "{}")).path("data");
        assertTrue(verified.toString(), verified.path("valid").asBoolean());
        assertTrue(verified.toString(), verified.path("checks").toString().contains("audit-chain"));

        refusalsChangeNothing(h2, admin, file, note);
        String shellList = h2.shell("backup:list");
        assertTrue(shellList, shellList.contains(name));
        h2.stop();

        // the same data-protection key on the PostgreSQL node: sealed values (signing keys) still open there
        Path key = Paths.get("data/security/data-protection.key");
        Files.createDirectories(pg.home.resolve(key).getParent());
        Files.copy(h2.home.resolve(key), pg.home.resolve(key));
        pg.start();
        String pgAdmin = pg.admin();
        String imported = importBackup(pg, pgAdmin, file);
        restore(pg, pgAdmin, imported);
        assertSameData(pg, note, apiKey);

        // PostgreSQL → H2: a backup of the restored PostgreSQL node goes back into the H2 node
        String note2 = "after move " + UUID.randomUUID();
        String pgAdmin2 = pg.admin();
        assertEquals(201, post(pg, pgAdmin2, "/api/v1/notes", "{\"title\":\"" + note2 + "\",\"body\":\"pg\"}").statusCode());
        String fromPg = createBackup(pg, pgAdmin2, "{\"compression\":false}");
        byte[] pgFile = download(pg, pgAdmin2, fromPg);
        pg.stop();
        h2.start();
        String h2Admin = h2.admin();
        String back = importBackup(h2, h2Admin, pgFile);
        restore(h2, h2Admin, back);
        assertSameData(h2, note2, apiKey);
    }

    /** A user with a role and an API key, and the notes plugin enabled with a note; returns the key. */
    private static String seed(BlackBoxNode node, String admin, String note) throws Exception {
        Http.Reply role = node.json("POST", "/api/v1/roles", "{\"name\":\"auditor\",\"description\":\"reads\","
                + "\"permissions\":[\"admin.users.view\",\"admin.audit.view\"]}", admin);
        assertEquals(role.body(), 201, role.status());
        Http.Reply carol = node.json("POST", "/api/v1/users", "{\"username\":\"carol\",\"email\":\"carol@example.test\","
                + "\"password\":\"" + CAROL_PASSWORD + "\"}", admin);
        assertEquals(carol.body(), 201, carol.status());
        assertEquals(200, node.json("POST", "/api/v1/users/" + carol.json().path("data").path("id").asText() + "/roles/"
                + role.json().path("data").path("id").asText(), "", admin).status());
        String carolToken = "Bearer " + node.login("carol", CAROL_PASSWORD);
        Http.Reply key = node.json("POST", "/api/v1/auth/api-keys", "{\"name\":\"ci\",\"scopes\":[\"admin.users.view\"]}",
                carolToken);
        assertEquals(key.body(), 201, key.status());
        byte[] jar = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-notes.jar"));
        Http.Reply installed = node.http.post("/api/v1/plugins?enable=true", "application/java-archive",
                BodyPublishers.ofByteArray(jar), "Authorization", admin);
        assertEquals(installed.body(), 201, installed.status());
        awaitStatus(node, "/api/v1/notes", admin, 200);
        assertEquals(201, post(node, admin, "/api/v1/notes", "{\"title\":\"" + note + "\",\"body\":\"kept\"}").statusCode());
        return key.json().path("data").path("key").asText();
    }

    private static void assertSameData(BlackBoxNode node, String note, String apiKey) throws Exception {
        String admin = node.admin();
        String carol = "Bearer " + node.login("carol", CAROL_PASSWORD);
        assertEquals("carol signs in with her password and her role grants her the users", 200,
                node.http.get("/api/v1/users", "Authorization", carol).status());
        JsonNode carolRow = ok(node.http.get("/api/v1/users?filter[username]=carol", "Authorization", admin));
        assertTrue(carolRow.toString(), carolRow.path("data").get(0).path("roles").toString().contains("auditor"));
        JsonNode roles = ok(node.http.get("/api/v1/roles?per_page=100", "Authorization", admin));
        assertTrue(roles.toString(), roles.toString().contains("auditor"));
        assertEquals("an API key made before the backup still authenticates", 200,
                node.http.get("/api/v1/users", "X-API-Key", apiKey).status());
        assertEquals("the plugin is enabled and serving", 200, awaitStatus(node, "/api/v1/notes", admin, 200));
        JsonNode notes = ok(node.http.get("/api/v1/notes?per_page=100", "Authorization", admin));
        assertTrue(notes.toString(), notes.toString().contains(note));
        JsonNode chain = ok(node.http.get("/api/v1/audit/verify", "Authorization", admin)).path("data");
        assertTrue(chain.toString(), chain.path("valid").asBoolean());
    }

    /** Corrupted, truncated, wrong passphrase, traversal: each refused, and nothing changed. */
    private static void refusalsChangeNothing(BlackBoxNode node, String admin, byte[] file, String note) throws Exception {
        String before = fingerprint(node, admin);
        byte[] corrupted = file.clone();
        corrupted[corrupted.length / 3] ^= 0x5A;
        String bad = importBackup(node, admin, corrupted);
        JsonNode verify = ok(post(node, admin, "/api/v1/backups/" + bad + "/verify", "{}")).path("data");
        assertFalse(verify.toString(), verify.path("valid").asBoolean());
        assertRefused(post(node, admin, "/api/v1/backups/" + bad + "/restore", "{}"));

        String truncated = importBackup(node, admin, Arrays.copyOf(file, file.length - 100));
        assertRefused(post(node, admin, "/api/v1/backups/" + truncated + "/restore", "{}"));

        String sealed = createBackup(node, admin, "{\"passphrase\":\"right horse battery\"}");
        assertTrue(sealed, sealed.endsWith(".zip.enc"));
        assertRefused(post(node, admin, "/api/v1/backups/" + sealed + "/restore", "{\"passphrase\":\"wrong horse battery\"}"));
        assertRefused(post(node, admin, "/api/v1/backups/" + sealed + "/restore", "{}"));

        for (String traversal : new String[] {"..%2F..%2Fetc%2Fdev.pergola.db.cfg", "..%2Fdb%2Fpergola.mv.db",
                "pergola-backup-20260101-000000.zip%2F..%2F..%2Fx"}) {
            int status = node.http.get("/api/v1/backups/" + traversal + "/download", "Authorization", admin).status();
            assertTrue(traversal + " → " + status, status == 422 || status == 404 || status == 400);
            int restore = post(node, admin, "/api/v1/backups/" + traversal + "/restore", "{}").statusCode();
            assertTrue(traversal + " → " + restore, restore == 422 || restore == 404 || restore == 400);
        }
        assertEquals("refused backups changed nothing", before, fingerprint(node, admin));
        JsonNode notes = ok(node.http.get("/api/v1/notes?per_page=100", "Authorization", admin));
        assertTrue(notes.toString().contains(note));
        assertEquals(204, node.json("DELETE", "/api/v1/backups/" + bad, "", admin).status());
        assertEquals(404, node.http.get("/api/v1/backups/" + bad, "Authorization", admin).status());
    }

    private static void assertRefused(HttpResponse<byte[]> reply) {
        String body = new String(reply.body());
        assertTrue(reply.statusCode() + " " + body, reply.statusCode() == 422 || reply.statusCode() == 409);
    }

    /** Users, roles, notes and plugins as the API lists them. */
    private static String fingerprint(BlackBoxNode node, String admin) {
        StringBuilder s = new StringBuilder();
        for (String path : new String[] {"/api/v1/users?per_page=100&sort=username", "/api/v1/roles?per_page=100",
                "/api/v1/notes?per_page=100&sort=title", "/api/v1/plugins"}) {
            JsonNode data = ok(node.http.get(path, "Authorization", admin)).path("data");
            s.append(path).append(data.size()).append(data.findValuesAsText("id")).append('\n');
        }
        return s.toString();
    }

    private static String createBackup(BlackBoxNode node, String admin, String body) throws Exception {
        HttpResponse<byte[]> created = post(node, admin, "/api/v1/backups", body);
        JsonNode data = new ObjectMapper().readTree(created.body()).path("data");
        assertTrue(new String(created.body()), created.statusCode() == 201 || created.statusCode() == 202);
        String name = data.path("filename").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String status = data.path("status").asText();
        while (!"ready".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            JsonNode now = ok(node.http.get("/api/v1/backups/" + name, "Authorization", admin)).path("data");
            status = now.path("status").asText();
            assertFalse(now.toString(), "failed".equals(status));
        }
        assertEquals("ready", status);
        return name;
    }

    private static String importBackup(BlackBoxNode node, String admin, byte[] file) throws Exception {
        HttpResponse<byte[]> reply = node.slow(HttpRequest.newBuilder(node.uri("/api/v1/backups/import"))
                .header("Content-Type", "application/octet-stream").POST(BodyPublishers.ofByteArray(file)), admin);
        assertEquals(new String(reply.body()), 201, reply.statusCode());
        return new ObjectMapper().readTree(reply.body()).path("data").path("filename").asText();
    }

    private static void restore(BlackBoxNode node, String admin, String name) throws Exception {
        HttpResponse<byte[]> reply = post(node, admin, "/api/v1/backups/" + name + "/restore", "{}");
        assertEquals(new String(reply.body()), 200, reply.statusCode());
        JsonNode data = new ObjectMapper().readTree(reply.body()).path("data");
        assertEquals("restored", data.path("status").asText());
        assertTrue(data.toString(), data.path("safety_backup").asText().contains("-safety"));
    }

    private static byte[] download(BlackBoxNode node, String admin, String name) throws Exception {
        HttpResponse<byte[]> reply = node.slow(HttpRequest.newBuilder(node.uri("/api/v1/backups/" + name + "/download")),
                admin);
        assertEquals(200, reply.statusCode());
        assertEquals("bytes", reply.headers().firstValue("Accept-Ranges").orElse(""));
        return reply.body();
    }

    private static void assertRange(BlackBoxNode node, String admin, String name, byte[] whole) throws Exception {
        HttpResponse<byte[]> part = node.slow(HttpRequest.newBuilder(node.uri("/api/v1/backups/" + name + "/download"))
                .header("Range", "bytes=10-109"), admin);
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-109/" + whole.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(whole, 10, 110), part.body());
        HttpResponse<byte[]> beyond = node.slow(HttpRequest.newBuilder(node.uri("/api/v1/backups/" + name + "/download"))
                .header("Range", "bytes=" + whole.length + "-"), admin);
        assertEquals(416, beyond.statusCode());
    }

    private static HttpResponse<byte[]> post(BlackBoxNode node, String admin, String path, String json) throws Exception {
        return node.slow(HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)), admin);
    }

    private static JsonNode ok(HttpResponse<byte[]> reply) throws Exception {
        assertEquals(new String(reply.body()), 200, reply.statusCode());
        return new ObjectMapper().readTree(reply.body());
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private static int awaitStatus(BlackBoxNode node, String path, String auth, int status) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 300 && last != status; i++) {
            last = node.http.get(path, "Authorization", auth).status();
            if (last != status) {
                Thread.sleep(100);
            }
        }
        return last;
    }
}
