package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * A black-box Pergola node ({@code bin/karaf server} on H2, as an operator runs it) whose {@code dev.pergola.mail}
 * points at a GreenMail SMTP server in this JVM, which tests stop and start again on the same port.
 */
final class MailNode implements AutoCloseable {
    static final String ADMIN_PASSWORD = "itest-admin-password-1";

    final Path home;
    final Http http;
    final int smtpPort = PergolaExam.freePort();
    private final int httpPort;
    private final int sshPort;
    private GreenMail smtp;
    private Process karaf;
    /** The JVM(s) bin/karaf started: they outlive the script when it is killed. */
    private List<ProcessHandle> jvms = List.of();
    private String token;

    /** Unpacks a fresh distribution into target/{@code folder} with these mail settings on top of the SMTP ones. */
    MailNode(String folder, Map<String, String> mailSettings) throws Exception {
        this(folder, mailSettings, true);
    }

    /** @param withHost false: no SMTP host yet (mail waits), {@link #pointAtSmtp} sets it while the node runs */
    MailNode(String folder, Map<String, String> mailSettings, boolean withHost) throws Exception {
        home = Paths.get("target", folder).toAbsolutePath();
        BlackBoxFiles.deleteTree(home);
        Files.createDirectories(home);
        run("tar", "xzf", System.getProperty("pergola.distribution"), "--strip-components=1");
        httpPort = PergolaExam.freePort();
        BlackBoxFiles.replace(home, "etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181",
                "org.osgi.service.http.port = " + httpPort);
        sshPort = PergolaExam.freePort();
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099",
                "rmiRegistryPort = " + PergolaExam.freePort());
        BlackBoxFiles.replace(home, "etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444",
                "rmiServerPort = " + PergolaExam.freePort());
        // the shipped file is the operator's starting point: the test edits its lines like an operator would
        if (withHost) {
            pointAtSmtp();
        }
        BlackBoxFiles.replace(home, "etc/dev.pergola.mail.cfg", "port = 587", "port = " + smtpPort);
        BlackBoxFiles.replace(home, "etc/dev.pergola.mail.cfg", "tls = starttls", "tls = none");
        BlackBoxFiles.replace(home, "etc/dev.pergola.mail.cfg", "from =\n", "from = noreply@pergola.test\n");
        Path cfg = home.resolve("etc/dev.pergola.mail.cfg");
        String content = Files.readString(cfg);
        for (Map.Entry<String, String> e : mailSettings.entrySet()) {
            java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(e.getKey())
                    + " = .*$");
            assertTrue("etc/dev.pergola.mail.cfg has a " + e.getKey() + " line", line.matcher(content).find());
            content = line.matcher(content).replaceFirst(e.getKey() + " = " + e.getValue());
        }
        Files.writeString(cfg, content);
        http = new Http(httpPort);
    }

    /** Sets {@code host} in etc/dev.pergola.mail.cfg, as an operator would (applied while the node runs). */
    void pointAtSmtp() throws IOException {
        BlackBoxFiles.replace(home, "etc/dev.pergola.mail.cfg", "host =\n", "host = 127.0.0.1\n");
    }

    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** Everything the SMTP server received since it was (re)started. */
    List<MimeMessage> received() {
        return smtp == null ? List.of() : List.of(smtp.getReceivedMessages());
    }

    void start() throws Exception {
        assertTrue("no Karaf of this node still runs", karaf == null || (!karaf.isAlive()
                && jvms.stream().noneMatch(ProcessHandle::isAlive)));
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("PERGOLA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        karaf = pb.start();
        Http.Reply ready = http.await("/api/health/ready", Duration.ofSeconds(120));
        assertEquals(ready.body(), 200, ready.status());
        jvms = karaf.descendants().toList();
        assertTrue("the Karaf JVM runs under bin/karaf", !jvms.isEmpty());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        assertEquals(login.body(), 200, login.status());
        token = "Bearer " + login.json().path("data").path("access_token").asText();
    }

    /**
     * SIGKILL to the Karaf JVM: no shutdown hook, no deactivate, what a power cut leaves behind. {@code bin/karaf server}
     * runs the JVM as a child of the script, so the JVM itself (every descendant) is killed, then the script.
     */
    void kill() throws InterruptedException {
        killAll();
    }

    private void killAll() throws InterruptedException {
        List<ProcessHandle> jvms = new ArrayList<>(this.jvms);
        karaf.descendants().filter(p -> !jvms.contains(p)).forEach(jvms::add);
        jvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the Karaf JVM " + jvm.pid() + " did not die", e);
            }
        }
        karaf.destroyForcibly();
        assertTrue(karaf.waitFor(30, TimeUnit.SECONDS));
    }

    Http.Reply get(String path) {
        return http.get(path, "Authorization", token);
    }

    Http.Reply post(String path, String json) {
        return http.post(path, "application/json", BodyPublishers.ofString(json), "Authorization", token);
    }

    Http.Reply delete(String path) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path)).DELETE(),
                "Authorization", token);
    }

    private String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** What {@code bin/client} printed and its exit code. */
    record Shell(int code, String out) {
    }

    /** {@code bin/client "command"} as the admin, standard input at end of file, as from a script. */
    Shell client(String command) throws Exception {
        Process p = new ProcessBuilder(List.of("bin/client", "-a", Integer.toString(sshPort), "-h", "127.0.0.1",
                "-u", "admin", "-p", ADMIN_PASSWORD, "-r", "3", command)).directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client " + command + " did not finish");
        }
        return new Shell(p.exitValue(), out);
    }

    /** Queues a test mail through {@code POST /api/v1/email-queue/test}; @return its id */
    String queueTest(String to) {
        Http.Reply reply = post("/api/v1/email-queue/test", "{\"to\":\"" + to + "\"}");
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().path("data").path("id").asText();
    }

    JsonNode email(String id) {
        Http.Reply reply = get("/api/v1/email-queue/" + id);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data");
    }

    /** Polls {@code GET /api/v1/email-queue/{id}} until {@code until} holds; fails with the last state. */
    JsonNode awaitEmail(String id, Duration within, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = email(id);
        while (!until.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = email(id);
        }
        assertTrue("email " + id + " did not get there in " + within + ": " + last, until.test(last));
        return last;
    }

    /** Messages received whose X-Pergola-Email-Id is {@code id}. */
    List<MimeMessage> receivedWithId(String id) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : received()) {
            String[] ids = m.getHeader("X-Pergola-Email-Id");
            if (ids != null && ids[0].equals(id)) {
                found.add(m);
            }
        }
        return found;
    }

    void stopKaraf() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            run("bin/stop");
            if (!karaf.waitFor(90, TimeUnit.SECONDS)) {
                killAll();
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (karaf != null && (karaf.isAlive() || jvms.stream().anyMatch(ProcessHandle::isAlive))) {
                killAll();
            }
        } finally {
            stopSmtp();
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
    }
}
