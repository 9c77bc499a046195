package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

import dev.pergola.testkit.PostgresServer;

/**
 * Black-box, on an unpacked distribution running on a real PostgreSQL, as a load balancer sees it: a stopped core
 * bundle, a disk threshold crossed (a configuration change), and the database server stopped each make
 * {@code /api/health} answer 503 naming the failing check, and each heals back to 200 without a restart.
 */
public class HealthIT {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static BlackBoxNode node;

    @BeforeClass
    public static void startNode() throws Exception {
        String url = POSTGRES.createDatabase("health");
        node = BlackBoxNode.unpack("dist-health", "type = postgresql\nurl = " + url + "\nuser = "
                + PostgresServer.USER + "\npassword = " + PostgresServer.PASSWORD + "\n");
        node.start();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void aStoppedCoreBundleIsDownNamingTheBundlesCheckAndHealsWhenStarted() throws Exception {
        String out = node.shell("pergola:force \"bundle:stop dev.pergola.webhooks\"");
        Http.Reply down = awaitHealth(r -> r.status() == 503 && failing(r, "bundles"));
        assertTrue(out + down.body(), failing(down, "bundles"));
        String details = node.http.get("/api/health", "Authorization", node.admin()).body();
        assertTrue("an admin sees which bundle: " + details, details.contains("dev.pergola.webhooks"));

        node.shell("pergola:force \"bundle:start dev.pergola.webhooks\"");
        awaitHealth(r -> r.status() == 200);
    }

    @Test
    public void aDiskThresholdCrossedIsDownNamingTheDiskCheckAndHealsWhenLowered() throws Exception {
        Path cfg = node.home.resolve("etc/dev.pergola.health.disk.cfg");
        // more free space than any disk has: the threshold is crossed by a configuration change, at run time
        Files.writeString(cfg, "min.free.mb = 1000000000\n");
        Http.Reply down = awaitHealth(r -> r.status() == 503 && failing(r, "disk"));
        assertEquals(down.body(), "DOWN", down.json().path("checks").path("disk").path("status").asText());

        Files.writeString(cfg, "min.free.mb = 1\n");
        awaitHealth(r -> r.status() == 200);
    }

    @Test
    public void theDatabaseDownIsDownNamingTheDatabaseCheckAndHealsWhenItIsBack() throws Exception {
        POSTGRES.stopServer();
        try {
            Http.Reply down = awaitHealth(r -> r.status() == 503 && failing(r, "database"));
            assertEquals(down.body(), "DOWN", down.json().path("status").asText());
        } finally {
            POSTGRES.restartServer();
        }
        awaitHealth(r -> r.status() == 200);
        assertEquals("the pool hands out working connections again", 200,
                node.http.get("/api/v1/system/info", "Authorization", node.admin()).status());
    }

    private static boolean failing(Http.Reply reply, String check) {
        return "DOWN".equals(reply.json().path("checks").path(check).path("status").asText());
    }

    /** Anonymous probes, as a load balancer sends them, until one matches. */
    private static Http.Reply awaitHealth(Predicate<Http.Reply> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Http.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = node.http.get("/api/health");
            if (expected.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/api/health did not answer as expected within " + WITHIN.toSeconds() + " s; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
