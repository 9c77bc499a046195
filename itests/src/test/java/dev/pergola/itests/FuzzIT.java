package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.itests.FuzzRequests.FuzzRequest;

/**
 * A schema-driven fuzz of the whole REST API from outside: every operation of {@code /api/openapi.json}, called
 * anonymously, as a plain user and as admin, with generated path and query parameters and bodies
 * ({@link FuzzRequests}, {@link FuzzBodies}), plus fixed container-level edge cases ({@link FuzzRawCases}), all
 * over raw sockets. Every answer is judged by {@link FuzzVerdict}; the test fails with the failures grouped.
 *
 * <p>Deterministic: one seeded {@link Random} makes the plan (its fingerprint is printed). CI mode sends about
 * 3,000 requests; {@code -Dpergola.fuzz.requests=45000} is the long mode, {@code -Dpergola.fuzz.seed=N} another
 * plan. The report goes to {@code itests/target/fuzz-report.txt}.
 *
 * <p>It keeps the state it needs: the admin is never sent a wrong password (wrong passwords go to the
 * throw-away {@code fuzz-victim}), its self-service endpoints are left to the plain user, each logout spends a
 * freshly signed-in token, real ids in paths are those of a throw-away user and role only, and install URLs
 * are kept to local ones that fail ({@link FuzzBodies#SAFE_URLS}); at the end the admin must still sign in.
 * Rate limits and the per-address login lock are raised here and self-registration is on: this test explores
 * the handlers, {@code BruteForceIT} tests the limits.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FuzzIT {
    static final String REQUESTS = "pergola.fuzz.requests";
    static final String SEED = "pergola.fuzz.seed";
    static final String REPORT = "pergola.fuzz.report";
    private static final String PASSWORD = "fuzz-known-password-1";
    private static final String LOGOUT = "POST /api/v1/auth/logout";
    /** Self-service that checks the caller's current password: never fuzzed as admin. */
    private static final Set<String> NOT_AS_ADMIN = Set.of("PUT /api/v1/profile", "POST /api/v1/profile/password");
    private static final List<String> CALLERS = List.of("anonymous", "user", "admin");
    private static final int FRESH_TOKENS_EVERY = 3000;

    private Http http;
    private RawHttp raw;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private String targetUser;
    private String targetRole;

    private enum Caller { USER, ADMIN }

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                systemProperty(REQUESTS).value(System.getProperty(REQUESTS, "3000")),
                systemProperty(SEED).value(System.getProperty(SEED, "20261129")),
                systemProperty(REPORT).value(new File("target/fuzz-report.txt").getAbsolutePath()),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "anonymous.per.minute", "1000000"),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "authenticated.per.minute", "1000000"),
                editConfigurationFilePut("etc/dev.pergola.ratelimit.cfg", "admin.per.minute", "1000000"),
                editConfigurationFilePut("etc/dev.pergola.auth.tokens.cfg", "access.token.ttl.seconds", "86400"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.free.attempts", "1000000"),
                editConfigurationFilePut("etc/dev.pergola.auth.throttle.cfg", "lockout.address.after", "1000000"),
                editConfigurationFilePut("etc/dev.pergola.auth.accounts.cfg", "registration.enabled", "true"));
    }

    @Test
    public void everyAnswerIsCleanAndInTheEnvelope() throws Exception {
        int port = Integer.getInteger(PergolaExam.HTTP_PORT);
        http = new Http(port);
        raw = new RawHttp(port);
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(60)).status());
        long seed = Long.getLong(SEED, 20261129L);
        int total = Integer.getInteger(REQUESTS, 3000);
        setUpAccounts();

        Http.Reply docReply = http.get("/api/openapi.json");
        assertEquals(docReply.body(), 200, docReply.status());
        FuzzSpec spec = new FuzzSpec(docReply.json());
        assertTrue("operations: " + spec.operations().size(), spec.operations().size() >= 40);
        List<FuzzRequest> plan = plan(spec, new Random(seed), total);
        String header = "FuzzIT seed=" + seed + " requests=" + plan.size() + " operations=" + spec.operations().size()
                + " plan=" + FuzzRequests.fingerprint(plan);
        System.out.println(header);

        FuzzVerdict verdict = new FuzzVerdict();
        StringBuilder container = new StringBuilder();
        long started = System.nanoTime();
        freshTokens();
        String phase = null;
        int inPhase = 0;
        for (FuzzRequest request : plan) {
            boolean generated = !request.operation().startsWith("raw: ");
            if (generated && !request.identity().equals(phase)) {
                phase = request.identity();
                inPhase = 0;
                freshTokens();
            } else if (generated && ++inPhase % FRESH_TOKENS_EVERY == 0) {
                freshTokens();
            }
            RawHttp.Answer answer = send(request);
            List<String> failed = verdict.record(request, answer);
            if (request.operation().startsWith("raw: ")) {
                container.append(jettyRow(request, answer, failed));
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // the fuzz must leave the platform usable: the admin still signs in
        boolean adminSignsIn = login(Caller.ADMIN) != null;
        header += adminSignsIn ? "" : " ADMIN-CANNOT-SIGN-IN-AFTER-THE-FUZZ";
        String report = header + " seconds=" + seconds + "\n" + verdict.figures() + "\n\nContainer-level cases "
                + "(case | caller | status | content type | X-Request-ID | who answered | body):\n" + container
                + "\n" + verdict.causes() + "\n" + verdict.summary(Integer.MAX_VALUE);
        System.out.println(report);
        String reportFile = System.getProperty(REPORT);
        if (reportFile != null) {
            Files.writeString(Paths.get(reportFile), report, StandardCharsets.UTF_8);
        }
        assertTrue(header + "\n" + verdict.figures() + "\n" + verdict.causes() + "\n" + verdict.summary(100),
                verdict.clean() && adminSignsIn);
    }

    /** Container-level cases first, then the operations round-robin, a third of the rest for each caller. */
    private List<FuzzRequest> plan(FuzzSpec spec, Random random, int total) {
        FuzzValues values = new FuzzValues(random);
        FuzzBodies bodies = new FuzzBodies(spec, values, Map.of("username", "fuzz-victim",
                "email", "fuzz-victim@example.test"));
        FuzzRequests requests = new FuzzRequests(values, bodies, new ArrayList<>(spec.propertyNames()), FuzzIT::realIds);
        List<FuzzRequest> plan = new ArrayList<>(FuzzRawCases.all());
        int perCaller = Math.max(0, total - plan.size()) / CALLERS.size();
        List<FuzzSpec.Operation> ops = spec.operations();
        for (String caller : CALLERS) {
            for (int made = 0, i = 0; made < perCaller; i++) {
                FuzzSpec.Operation op = ops.get(i % ops.size());
                if (caller.equals("admin") && NOT_AS_ADMIN.contains(op.label())) {
                    continue;
                }
                plan.add(requests.next(op, caller));
                made++;
            }
        }
        return plan;
    }

    /** Placeholders for the throw-away objects' ids, replaced in {@link #send}. */
    private static List<String> realIds(String path, String param) {
        if (param.equals("roleId") || (path.startsWith("/api/v1/roles/") && param.equals("id"))) {
            return List.of("@target-role@");
        }
        if (path.startsWith("/api/v1/users/") && param.equals("id")) {
            return List.of("@target-user@");
        }
        if (path.startsWith("/api/docs")) {
            return List.of("index.html", "init.js", "swagger-ui.css", "swagger-ui-bundle.js");
        }
        return List.of();
    }

    private RawHttp.Answer send(FuzzRequest request) {
        if (request.method().equals(FuzzRawCases.RAW)) {
            return raw.exchange(request.target().getBytes(StandardCharsets.UTF_8));
        }
        List<String[]> headers = new ArrayList<>();
        String token = token(request);
        if (token != null) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        }
        headers.addAll(request.headers());
        String target = request.target().replace("@target-user@", targetUser).replace("@target-role@", targetRole);
        return raw.send(request.method(), target, headers, request.body());
    }

    private String token(FuzzRequest request) {
        Caller caller = switch (request.identity()) {
            case "user" -> Caller.USER;
            case "admin" -> Caller.ADMIN;
            default -> null;
        };
        if (caller == null) {
            return null;
        }
        // a logout ends the session of the token it is sent with: spend a fresh one
        return request.operation().equals(LOGOUT) ? login(caller) : tokens.get(caller);
    }

    /** New tokens for the phase; if a login is refused (a lock the fuzz provoked), the previous token stays. */
    private void freshTokens() {
        for (Caller caller : Caller.values()) {
            String token = login(caller);
            if (token != null) {
                tokens.put(caller, token);
            }
        }
    }

    private String login(Caller caller) {
        String username = caller == Caller.ADMIN ? "admin" : "fuzz-user";
        String password;
        try {
            password = caller == Caller.ADMIN ? Admin.password() : PASSWORD;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the initial admin password", e);
        }
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        return reply.status() == 200 ? reply.json().path("data").path("access_token").asText() : null;
    }

    /** The plain user the fuzz signs in as, the victim that takes wrong passwords, and the targets of real ids. */
    private void setUpAccounts() throws Exception {
        String admin = "Bearer " + Admin.login(http);
        for (String name : List.of("fuzz-user", "fuzz-victim", "fuzz-target")) {
            JsonNode created = post("/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"" + name
                    + "@example.test\",\"password\":\"" + PASSWORD + "\"}", admin);
            if (name.equals("fuzz-target")) {
                targetUser = created.path("id").asText();
            }
        }
        targetRole = post("/api/v1/roles", "{\"name\":\"fuzz-target-role\",\"description\":\"fuzz target\","
                + "\"permissions\":[]}", admin).path("id").asText();
    }

    private JsonNode post(String path, String json, String auth) {
        Http.Reply reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)), "Authorization", auth);
        assertEquals(reply.body(), 201, reply.status());
        return reply.json().path("data");
    }

    /** One row of the container-level table: who answered — Pergola's envelope, Jetty's own page, or other. */
    private static String jettyRow(FuzzRequest request, RawHttp.Answer answer, List<String> failed) {
        String body = answer.status() == 0 ? answer.failure() : answer.body();
        // "Bad Message" pages come from Jetty's HTTP parser, before any servlet; the HTML error page from Jetty's
        // error handler, after a servlet threw; X-Request-ID is set by a JAX-RS filter, so it means CXF ran
        String who = answer.status() > 0 && answer.status() < 400 ? "served"
                : FuzzVerdict.isEnvelope(body) ? "pergola envelope"
                : body.startsWith("<h1>Bad Message") ? "jetty parser"
                : body.contains("<title>Error") ? "jetty error page"
                : answer.status() == 0 ? "nobody" : body.isEmpty() ? "empty body" : "other";
        return String.format("  %-22s | %-9s | %3d | %-28s | %-5s | %-16s | %s%s%n", request.operation().substring(5),
                request.identity(), answer.status(), answer.header("Content-Type"), answer.header("X-Request-ID") != null, who,
                FuzzVerdict.oneLine(body, answer.status() >= 500 ? 600 : 110), failed.isEmpty() ? "" : "  FAILS " + failed);
    }
}
