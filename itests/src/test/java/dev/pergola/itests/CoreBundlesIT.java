package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Black-box, on the unpacked distribution (embedded H2), as an operator scripts it: {@code bin/client "command"}
 * with standard input at end of file (cron, CI) runs the command and its exit code tells failure from success
 * (issue 9, finding 6); core bundles are Karaf system bundles that {@code bundle:stop} refuses, and one stopped
 * anyway ({@code pergola:force}) is started again at the next start (finding 5).
 */
public class CoreBundlesIT {
    private static final String ADMIN_PASSWORD = "itest-admin-password-1";

    private static Path home;
    private static Process karaf;
    private static int httpPort;
    private static int sshPort;

    @BeforeClass
    public static void unpack() throws Exception {
        home = Paths.get("target", "dist-core").toAbsolutePath();
        BlackBoxFiles.deleteTree(home);
        Files.createDirectories(home);
        run("tar", "xzf", System.getProperty("pergola.distribution"), "--strip-components=1");
        httpPort = PergolaExam.freePort();
        sshPort = PergolaExam.freePort();
        replace("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + httpPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + PergolaExam.freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + PergolaExam.freePort());
        start();
    }

    @AfterClass
    public static void stopPlatform() throws Exception {
        stop();
    }

    @Test
    public void clientRunsTheCommandGivenAsArgumentAndFailsWithIt() throws Exception {
        Result list = client("bundle:list -t 0");
        assertEquals(list.out, 0, list.code);
        assertTrue(list.out, list.out.contains("START LEVEL 100") && list.out.contains("Active"));
        assertTrue("an operator's listing leaves the core out: " + list.out, !list.out.contains("Pergola identity"));

        Result failing = client("bundle:stop 999999");
        assertNotEquals("a failing command fails bin/client: " + failing.out, 0, failing.code);
        assertTrue(failing.out, failing.out.contains("No matching bundles"));
    }

    @Test
    public void aCoreBundleIsRefusedToBundleStopAndAForcedStopHealsAtTheNextStart() throws Exception {
        Http http = new Http(httpPort);
        Result refused = client("bundle:stop dev.pergola.identity");
        assertNotEquals(refused.out, 0, refused.code);
        assertTrue(refused.out, refused.out.contains("No matching bundles"));
        assertEquals("identity still signs in", 200, login(http).status());

        Result forced = client("pergola:force \"bundle:stop dev.pergola.identity\"");
        assertEquals(forced.out, 0, forced.code);
        assertNotEquals("the realm went with the bundle", 200, login(http).status());
        assertNotEquals("nobody signs in to the shell either", 0, client("bundle:list").code);

        stop();
        start();
        Http.Reply signIn = login(http);
        assertEquals("healed at start: " + signIn.body(), 200, signIn.status());
        Result after = client("pergola:force \"bundle:list -t 0 -s\"");
        assertEquals(after.out, 0, after.code);
        assertTrue(after.out, after.out.lines().anyMatch(l -> l.contains("dev.pergola.identity") && l.contains("Active")
                && l.contains("45")));
        String log = Files.readString(home.resolve("data/log/karaf.log"));
        assertTrue("the repair is logged, naming the bundle",
                log.lines().anyMatch(l -> l.contains("WARN") && l.contains("Core bundle dev.pergola.identity")));
        assertTrue("only the stopped bundle is reported", log.lines().noneMatch(l -> l.contains("Core bundle dev.pergola.rest")));
    }

    private static Http.Reply login(Http http) {
        return http.post("/api/v1/auth/login", "application/json", HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
    }

    private record Result(int code, String out) {
    }

    /** bin/client with the command as its argument and standard input at end of file, as from cron or CI. */
    private static Result client(String command) throws Exception {
        Process p = new ProcessBuilder(List.of("bin/client", "-a", Integer.toString(sshPort), "-h", "127.0.0.1",
                "-u", "admin", "-p", ADMIN_PASSWORD, "-r", "3", command)).directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client " + command + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    private static void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("PERGOLA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        karaf = pb.start();
        Http.Reply health = new Http(httpPort).await("/api/health", Duration.ofSeconds(120));
        assertEquals(health == null ? "no answer" : health.body(), 200, health.status());
    }

    private static void stop() throws Exception {
        if (karaf == null) {
            return;
        }
        run("bin/stop");
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.destroyForcibly();
            throw new AssertionError("Pergola did not stop within 60 s");
        }
        karaf = null;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
    }

    private static void replace(String file, String from, String to) throws IOException {
        BlackBoxFiles.replace(home, file, from, to);
    }
}
