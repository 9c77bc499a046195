package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import dev.pergola.testkit.PostgresServer;

/**
 * Black-box: the freshly unpacked distribution, as an operator runs it with {@code bin/start}, configured for
 * a real PostgreSQL server. First boot migrates PostgreSQL, a restart keeps the data, SSH lets the admin in
 * and keeps {@code karaf/karaf} out.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING) // the first test measures a cold boot; the next reuses the instance
public class DistributionIT {
    private static final String ADMIN_PASSWORD = "itest-admin-password-1";

    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    private static Path home;
    private static Process karaf;
    private static int httpPort;
    private static int sshPort;
    private static String jdbcUrl;

    @BeforeClass
    public static void unpack() throws Exception {
        jdbcUrl = POSTGRES.createDatabase("pergola");
        Path target = Paths.get("target", "dist-postgresql").toAbsolutePath();
        BlackBoxFiles.deleteTree(target);
        Files.createDirectories(target);
        run(target, Map.of(), "tar", "xzf", System.getProperty("pergola.distribution"), "--strip-components=1");
        home = target;
        httpPort = PergolaExam.freePort();
        sshPort = PergolaExam.freePort();
        Files.writeString(home.resolve("etc/dev.pergola.db.cfg"), "type = postgresql\nurl = " + jdbcUrl
                + "\nuser = " + PostgresServer.USER + "\npassword = " + PostgresServer.PASSWORD + "\n");
        replace("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + httpPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + PergolaExam.freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + PergolaExam.freePort());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (home != null) {
            stopPlatform();
        }
    }

    @Test
    public void migratesPostgresKeepsDataOverRestartAndGuardsTheShell() throws Exception {
        Http http = new Http(httpPort);
        long started = System.nanoTime();
        startPlatform();
        Http.Reply health = http.await("/api/health", Duration.ofSeconds(120));
        long bootMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(health == null ? "no answer" : health.body(), 200, health.status());
        System.out.printf("Cold boot on PostgreSQL (bin/karaf server -> /api/health 200): %.1f s%n", bootMillis / 1000.0);

        String token = login(http);
        assertOwnerOnly();
        Http.Reply status = http.get("/api/v1/status", "Authorization", "Bearer " + token);
        assertEquals("postgresql", status.json().path("data").path("database").path("type").asText());
        assertTrue(status.body(), status.json().path("data").path("database").path("product").asText().startsWith("PostgreSQL"));
        String installationId = status.json().path("data").path("installation").path("id").asText();
        assertEquals(1, count("SELECT COUNT(*) FROM pergola_installation"));
        assertEquals(1, count("SELECT COUNT(*) FROM schema_history_dev_pergola_persistence WHERE success AND version = '1'"));

        // core bundles are Karaf system bundles: listed only with the systembundles role, which pergola:force grants
        String adminShell = shell("admin", ADMIN_PASSWORD, "pergola:force \"bundle:list -t 0 -s\"");
        assertTrue(adminShell, adminShell.contains("dev.pergola.persistence") && adminShell.contains("Active"));
        String karafShell = shell("karaf", "karaf", "bundle:list");
        assertTrue(karafShell, !karafShell.contains("Pergola") && !karafShell.contains("Active"));
        Http.Reply plain = http.post("/api/v1/users", "application/json", java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"plain\",\"email\":\"plain@example.test\",\"password\":\"correct-horse-battery-9\"}"),
                "Authorization", "Bearer " + token);
        assertEquals(plain.body(), 201, plain.status());
        String users = shell("admin", ADMIN_PASSWORD, "user:list");
        assertTrue(users, users.contains("plain") && users.contains("plain@example.test") && users.contains("admin"));
        String added = shell("admin", ADMIN_PASSWORD, "user:add --password shell-made-password-7 --role user shelly shelly@example.test");
        assertTrue(added, added.contains("Created shelly"));
        assertTrue(shell("admin", ADMIN_PASSWORD, "user:add --password short x bad-email").contains("Not created"));
        assertTrue(shell("admin", ADMIN_PASSWORD, "role:list").contains("(all)"));
        assertTrue(shell("admin", ADMIN_PASSWORD, "role:add -d Editors editor users.view").contains("Role editor created"));
        assertTrue(shell("admin", ADMIN_PASSWORD, "role:grant editor admin.users.view").contains("admin.users.view"));
        assertTrue(shell("admin", ADMIN_PASSWORD, "user:role-add plain editor").contains("editor"));
        String key = shell("admin", ADMIN_PASSWORD, "apikey:create -s admin.users.view --days 5 plain ci");
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("(pgl_[A-Za-z0-9_-]+)").matcher(key);
        assertTrue(key, secret.find());
        java.util.regex.Matcher keyId = java.util.regex.Pattern.compile("Key ([0-9a-f-]{36})").matcher(key);
        assertTrue(key, keyId.find());
        assertEquals("a key made in the shell works over REST", 200,
                http.get("/api/v1/users", "X-API-Key", secret.group(1)).status());
        assertTrue(shell("admin", ADMIN_PASSWORD, "apikey:list -u plain").contains(keyId.group(1)));
        assertTrue(shell("admin", ADMIN_PASSWORD, "apikey:revoke " + keyId.group(1)).contains("Revoked ci"));
        assertEquals(401, http.get("/api/v1/users", "X-API-Key", secret.group(1)).status());
        String plainShell = shell("plain", "correct-horse-battery-9", "bundle:list -s");
        assertTrue("a Pergola user without admin.shell stays out: " + plainShell, !plainShell.contains("dev.pergola"));

        assertEquals(401, http.get("/system/console/bundles").status());
        assertEquals(401, http.get("/system/console/bundles", "Authorization", basic("karaf", "karaf")).status());
        assertEquals(200, http.get("/system/console/bundles", "Authorization", basic("admin", ADMIN_PASSWORD)).status());
        assertTrue(http.get("/system/console/bundles", "Authorization", basic("plain", "correct-horse-battery-9")).status() >= 401);

        stopPlatform();
        startPlatform();
        Http.Reply again = http.await("/api/health", Duration.ofSeconds(120));
        assertEquals(again == null ? "no answer" : again.body(), 200, again.status());
        assertEquals("a token survives a restart: keys and sessions live in PostgreSQL", 200,
                http.get("/api/v1/auth/me", "Authorization", "Bearer " + token).status());
        String after = http.get("/api/v1/status", "Authorization", "Bearer " + login(http))
                .json().path("data").path("installation").path("id").asText();
        assertEquals("the installation row survives a restart", installationId, after);
        assertEquals(1, count("SELECT COUNT(*) FROM pergola_installation"));
        assertNotEquals("", installationId);
    }

    /**
     * Plugins on the real distribution: the desired state lives in PostgreSQL and the artifact in the plugin
     * store, so a wiped {@code data/cache} converges back; safe mode starts nothing without forgetting what
     * should run; an uninstalled plugin stays gone after a restart.
     */
    @Test
    public void pluginsSurviveAWipedCacheSafeModeAndRestarts() throws Exception {
        Http http = new Http(httpPort);
        if (karaf == null) {
            startPlatform(Map.of());
        }
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(120)).status());
        String token = "Bearer " + login(http);
        byte[] jar = Files.readAllBytes(Paths.get(System.getProperty(PergolaExam.FIXTURES), "pergola-sample-hello.jar"));
        Http.Reply installed = http.post("/api/v1/plugins?enable=true", "application/java-archive",
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(jar), "Authorization", token);
        assertEquals(installed.body(), 201, installed.status());
        assertEquals("active", installed.json().path("data").path("state").asText());
        assertEquals(200, awaitStatus(http, "/api/v1/hello", token, 200));
        assertEquals(1, count("SELECT COUNT(*) FROM pergola_plugins WHERE slug = 'hello' AND enabled"));
        String listed = shell("admin", ADMIN_PASSWORD, "plugin:list");
        assertTrue(listed, listed.contains("hello") && listed.contains("active"));

        stopPlatform();
        BlackBoxFiles.deleteTree(home.resolve("data/cache"));
        startPlatform(Map.of());
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(120)).status());
        token = "Bearer " + login(http);
        assertEquals("reconciled after a wiped cache", 200, awaitStatus(http, "/api/v1/hello", token, 200));

        stopPlatform();
        startPlatform(Map.of("PERGOLA_SAFEMODE", "true"));
        Http.Reply safe = http.await("/api/health", Duration.ofSeconds(120));
        assertEquals(safe.body(), 200, safe.status());
        assertEquals("WARN", safe.json().path("status").asText());
        token = "Bearer " + login(http);
        assertEquals("safe mode starts no plugin", 404, http.get("/api/v1/hello", "Authorization", token).status());
        assertEquals("suspended", http.get("/api/v1/plugins/hello", "Authorization", token).json().path("data")
                .path("plugin").path("state").asText());
        assertEquals("the desired state is untouched", 1, count("SELECT COUNT(*) FROM pergola_plugins WHERE enabled"));

        stopPlatform();
        startPlatform(Map.of());
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(120)).status());
        token = "Bearer " + login(http);
        assertEquals("leaving safe mode restores the plugins", 200, awaitStatus(http, "/api/v1/hello", token, 200));
        String reconciled = shell("admin", ADMIN_PASSWORD, "plugin:reconcile");
        assertTrue(reconciled, reconciled.contains("Nothing to do"));
        String disabled = shell("admin", ADMIN_PASSWORD, "plugin:disable hello");
        assertTrue(disabled, disabled.contains("hello 1.0.0: disabled"));
        assertEquals(404, awaitStatus(http, "/api/v1/hello", token, 404));
        String enabled = shell("admin", ADMIN_PASSWORD, "plugin:enable hello");
        assertTrue(enabled, enabled.contains("hello 1.0.0: active"));
        assertEquals(200, awaitStatus(http, "/api/v1/hello", token, 200));

        String removed = shell("admin", ADMIN_PASSWORD, "plugin:uninstall hello");
        assertTrue(removed, removed.contains("hello uninstalled"));
        assertEquals(404, awaitStatus(http, "/api/v1/hello", token, 404));
        stopPlatform();
        startPlatform(Map.of());
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(120)).status());
        token = "Bearer " + login(http);
        assertEquals("still gone after a restart", 404, http.get("/api/v1/hello", "Authorization", token).status());
        assertEquals(0, count("SELECT COUNT(*) FROM pergola_plugins"));
    }

    private static int awaitStatus(Http http, String path, String token, int status) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 300 && last != status; i++) {
            last = http.get(path, "Authorization", token).status();
            if (last != status) {
                Thread.sleep(100);
            }
        }
        return last;
    }

    private static String login(Http http) {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", java.net.http.HttpRequest.BodyPublishers
                .ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data").path("access_token").asText();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * data/ is for the OS user running Pergola only (issue 8, finding 3): the launcher sets umask 077, and at
     * start the platform restricts what an older install or another umask left readable.
     */
    private static void assertOwnerOnly() throws Exception {
        assertEquals("0077", run(home, Map.of(), "sh", "-c", ". ./bin/setenv && umask").trim());
        Path data = home.resolve("data");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path key = data.resolve("security/data-protection.key");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (var walk = Files.walk(data)) {
            List<String> open = walk.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                try {
                    return Files.getPosixFilePermissions(p).stream().anyMatch(perm -> !perm.name().startsWith("OWNER"));
                } catch (IOException gone) {
                    return false; // a temporary file removed meanwhile
                }
            }).map(Path::toString).toList();
            assertEquals("files under data/ open to group or others: " + open, List.of(), open);
        }
    }

    /** {@code bin/karaf server}, the process {@code bin/start} runs in the background, kept as our child. */
    private static void startPlatform() throws Exception {
        startPlatform(Map.of());
    }

    private static void startPlatform(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("PERGOLA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().putAll(env);
        karaf = pb.start();
    }

    private static void stopPlatform() throws Exception {
        if (karaf == null) {
            return;
        }
        run(home, Map.of(), "bin/stop");
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.destroyForcibly();
            throw new AssertionError("Pergola did not stop within 60 s");
        }
        karaf = null;
    }

    private static String shell(String user, String password, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bin/client", "-a", Integer.toString(sshPort), "-h", "127.0.0.1",
                "-u", user, "-p", password, "-r", "3", "-b")).directory(home.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return out;
    }

    private static void replace(String file, String from, String to) throws IOException {
        BlackBoxFiles.replace(home, file, from, to);
    }
}
