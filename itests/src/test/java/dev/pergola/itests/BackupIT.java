package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * Backups inside the running platform: create announces its progress live and is audited; restore runs in
 * maintenance (a plain user gets 503 with Retry-After while the administrator is still served) between the
 * participants' calls, and brings the data back; the shell draws a progress bar and fails on a corrupted backup.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackupIT {
    private static final String USER_PASSWORD = "correct-horse-battery-5";

    @Inject
    private BundleContext context;

    private Http http;
    private String admin;
    private final List<PergolaEvent> events = new CopyOnWriteArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
        admin = "Bearer " + Admin.login(http);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, EventTypes.topic("backup.*"));
        context.registerService(EventHandler.class, e -> events.add(PergolaEvent.fromProperties(e::getProperty)), props);
    }

    @Test
    public void restoreRunsInMaintenanceBetweenParticipantsAndBringsTheDataBack() throws Exception {
        String plainName = "plain-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, json("POST", "/api/v1/users", "{\"username\":\"" + plainName + "\",\"email\":\"" + plainName
                + "@example.test\",\"password\":\"" + USER_PASSWORD + "\"}", admin).status());
        String plain = "Bearer " + login(plainName);

        Http.Reply created = json("POST", "/api/v1/backups", "{\"include_uploads\":false}", admin);
        assertEquals(created.body(), 201, created.status());
        String name = created.json().path("data").path("filename").asText();
        assertEquals("ready", created.json().path("data").path("status").asText());
        assertTrue(created.body(), created.json().path("data").path("manifest").path("tables").asInt() > 10);
        PergolaEvent done = await(e -> e.type().equals(EventTypes.BACKUP_PROGRESS) && name.equals(e.data().get("filename"))
                && Integer.valueOf(100).equals(e.data().get("percent")));
        assertEquals("create", done.data().get("operation"));
        assertTrue("audited, then announced", await(e -> e.type().equals(EventTypes.BACKUP_CREATED)
                && e.data().toString().contains(name)).sequence() > 0);

        String late = "late-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, json("POST", "/api/v1/users", "{\"username\":\"" + late + "\",\"email\":\"" + late
                + "@example.test\",\"password\":\"" + USER_PASSWORD + "\"}", admin).status());

        List<String> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<RestoreParticipant> watcher = context.registerService(RestoreParticipant.class,
                new RestoreParticipant() {
                    @Override
                    public void beforeRestore() {
                        Http.Reply refused = http.get("/api/v1/backups", "Authorization", plain);
                        seen.add("plain " + refused.status() + " " + refused.json().path("error").path("code").asText()
                                + " retry-after=" + (refused.header("Retry-After") != null));
                        seen.add("admin " + http.get("/api/v1/backups", "Authorization", admin).status());
                    }

                    @Override
                    public void afterRestore() {
                        seen.add("after");
                    }
                }, null);
        try {
            Http.Reply restored = json("POST", "/api/v1/backups/" + name + "/restore", "{}", admin);
            assertEquals(restored.body(), 200, restored.status());
            assertTrue(restored.body(), restored.json().path("data").path("safety_backup").asText().endsWith("-safety.zip"));
        } finally {
            watcher.unregister();
        }
        assertEquals(List.of("plain 503 SERVICE_UNAVAILABLE retry-after=true", "admin 200", "after"), seen);
        String fresh = "Bearer " + Admin.login(http);
        assertEquals("the user made after the backup is gone", 0, http.get("/api/v1/users?filter[username]=" + late,
                "Authorization", fresh).json().path("meta").path("total").asInt());
        assertEquals(1, http.get("/api/v1/users?filter[username]=" + plainName, "Authorization", fresh).json()
                .path("meta").path("total").asInt());
        assertEquals("maintenance is over", 403, http.get("/api/v1/backups", "Authorization", "Bearer " + login(plainName)).status());
        assertTrue(http.get("/api/v1/audit/verify", "Authorization", fresh).json().path("data").path("valid").asBoolean());
        assertNotNull(await(e -> e.type().equals(EventTypes.BACKUP_RESTORED) && e.data().toString().contains(name)));
    }

    @Test
    public void theShellShowsProgressAndFailsOnACorruptedBackup() throws Exception {
        var operator = KarafShell.jaasLogin("admin", Admin.password());
        String made = KarafShell.runAs(context, operator, "backup:create --no-uploads");
        assertTrue(made, made.contains("] 100%") && made.contains("Backup pergola-backup-"));
        String name = made.replaceAll("(?s).*Backup (pergola-backup-\\S+) .*", "$1");
        String verified = KarafShell.runAs(context, operator, "backup:verify " + name);
        assertTrue(verified, verified.contains("ok    audit-chain") && verified.contains("is valid"));

        Path folder = Paths.get(System.getProperty("karaf.data"), "backups");
        byte[] bytes = Files.readAllBytes(folder.resolve(name));
        bytes[bytes.length / 2] ^= 0x11;
        Files.write(folder.resolve("pergola-backup-20200101-000000.zip"), bytes);
        String refused = KarafShell.runAs(context, operator, "backup:verify pergola-backup-20200101-000000.zip");
        assertTrue(refused, refused.startsWith("FAILED:") && refused.contains("FAIL  checksums"));
        String traversal = KarafShell.runAs(context, operator, "backup:restore --yes ../db/pergola.mv.db");
        assertTrue(traversal, traversal.startsWith("FAILED:") && traversal.contains("not a backup file name"));
        String deleted = KarafShell.runAs(context, operator, "backup:delete pergola-backup-20200101-000000.zip");
        assertFalse(deleted, deleted.startsWith("FAILED:"));
        assertFalse(Files.exists(folder.resolve("pergola-backup-20200101-000000.zip")));
        String listed = KarafShell.runAs(context, operator, "backup:list");
        assertTrue(listed, listed.contains(name));
    }

    private PergolaEvent await(java.util.function.Predicate<PergolaEvent> wanted) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (PergolaEvent e : events) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such event among " + events.stream().map(e -> e.type() + e.data()).toList());
    }

    private String login(String username) {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + username + "\",\"password\":\"" + USER_PASSWORD + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data").path("access_token").asText();
    }

    private Http.Reply json(String method, String path, String body, String auth) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT)
                + path)).header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body)),
                "Authorization", auth);
    }

}
