package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The grantor rule attacked from outside (issue 8, findings 2 and 10, and the length part of 7): a user manager,
 * a role manager, their API keys and a shell operator try to give or take more than they hold.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class GrantorIT {
    private static final String PASSWORD = "grantor-test-password-1";

    @Inject
    private BundleContext context;

    private Http http;
    private String admin;
    private String suffix;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() throws Exception {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        admin = "Bearer " + Admin.login(http);
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    private Http.Reply send(String method, String path, String json, String... auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT) + path));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        } else {
            b.method(method, BodyPublishers.noBody());
        }
        return http.send(b, auth.length == 1 ? new String[] {"Authorization", auth[0]} : auth);
    }

    private JsonNode ok(int status, Http.Reply reply) {
        assertEquals(reply.body(), status, reply.status());
        return reply.body().isEmpty() ? null : reply.json().path("data");
    }

    private static void assertDenied(Http.Reply reply) {
        assertEquals(reply.body(), 403, reply.status());
        assertEquals(reply.body(), "PERMISSION_DENIED", reply.json().path("error").path("code").asText());
    }

    private static void assertTooLong(Http.Reply reply, String field, int max) {
        assertEquals(reply.body(), 422, reply.status());
        JsonNode error = reply.json().path("error");
        assertEquals("VALIDATION_ERROR", error.path("code").asText());
        assertEquals(reply.body(), "at most " + max + " characters", error.path("details").path(field).path(0).asText());
    }

    private String role(String name, String... permissions) {
        String list = permissions.length == 0 ? "" : "\"" + String.join("\",\"", permissions) + "\"";
        return ok(201, send("POST", "/api/v1/roles", "{\"name\":\"" + name + "-" + suffix + "\",\"permissions\":[" + list
                + "]}", admin)).path("id").asText();
    }

    private String user(String name, String... roles) {
        String list = roles.length == 0 ? "" : "\"" + String.join("\",\"", roles) + "\"";
        return ok(201, send("POST", "/api/v1/users", "{\"username\":\"" + name + "-" + suffix + "\",\"email\":\"" + name
                + "-" + suffix + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[" + list + "]}", admin))
                .path("id").asText();
    }

    private String login(String name) {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "-" + suffix + "\",\"password\":\"" + PASSWORD + "\"}"));
        return "Bearer " + ok(200, reply).path("access_token").asText();
    }

    private String apiKey(String owner, String... scopes) {
        return ok(201, send("POST", "/api/v1/auth/api-keys", "{\"name\":\"k\",\"scopes\":[\"" + String.join("\",\"", scopes)
                + "\"]}", owner)).path("key").asText();
    }

    private String idOf(String path) {
        return ok(200, http.get(path, "Authorization", admin)).path(0).path("id").asText();
    }

    @Test
    public void aUserManagerCannotMakeAdminsNorTakeOneOver() {
        role("user-managers", "admin.users.manage", "admin.users.view");
        String plainId = user("plain", "user");
        user("um", "user-managers-" + suffix);
        String um = login("um");
        String adminId = idOf("/api/v1/users?filter[username]=admin");
        String adminRole = idOf("/api/v1/roles?filter[name]=admin");

        Http.Reply made = send("POST", "/api/v1/users", "{\"username\":\"evil-" + suffix + "\",\"email\":\"evil-" + suffix
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}", um);
        assertDenied(made);
        assertTrue(made.body(), made.json().path("error").path("details").has("roles"));
        assertEquals(0, http.get("/api/v1/users?filter[username]=evil-" + suffix, "Authorization", admin).json()
                .path("meta").path("total").asInt());
        assertDenied(send("POST", "/api/v1/users/" + plainId + "/roles/" + adminRole, null, um));
        assertDenied(send("PUT", "/api/v1/users/" + adminId, "{\"email\":\"mine-" + suffix + "@example.test\"}", um));
        assertDenied(send("POST", "/api/v1/users/" + adminId + "/deactivate", null, um));
        assertDenied(send("DELETE", "/api/v1/users/" + adminId, null, um));
        assertEquals("admin@localhost", ok(200, http.get("/api/v1/users/" + adminId, "Authorization", admin))
                .path("email").asText());

        // what the manager holds, they may still do
        ok(201, send("POST", "/api/v1/users", "{\"username\":\"fine-" + suffix + "\",\"email\":\"fine-" + suffix
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"user\"]}", um));
        ok(200, send("PUT", "/api/v1/users/" + plainId, "{\"first_name\":\"Pat\"}", um));

        // and an API key of theirs can do no more; nor can an admin's key scoped to user management
        String key = apiKey(um, "admin.users.manage", "admin.users.view");
        assertDenied(send("POST", "/api/v1/users", "{\"username\":\"evil2-" + suffix + "\",\"email\":\"evil2-" + suffix
                + "@example.test\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}", "X-API-Key", key));
        assertDenied(send("PUT", "/api/v1/users/" + adminId, "{\"email\":\"key-" + suffix + "@example.test\"}", "X-API-Key", key));
        String adminKey = apiKey(admin, "admin.users.manage");
        assertDenied(send("POST", "/api/v1/users/" + plainId + "/roles/" + adminRole, null, "X-API-Key", adminKey));
        assertDenied(send("PUT", "/api/v1/users/" + adminId, "{\"email\":\"k2-" + suffix + "@example.test\"}",
                "X-API-Key", adminKey));
        assertEquals("[\"user\"]", ok(200, http.get("/api/v1/users/" + plainId, "Authorization", admin)).path("roles").toString());
    }

    @Test
    public void aRoleManagerCannotGrantBeyondThemselvesNorGrowTheirOwnRole() {
        String own = role("role-managers", "admin.roles.manage", "admin.roles.view");
        user("rm", "role-managers-" + suffix);
        String rm = login("rm");
        String adminRole = idOf("/api/v1/roles?filter[name]=admin");

        assertDenied(send("PUT", "/api/v1/roles/" + own, "{\"permissions\":[\"admin.roles.manage\",\"admin.roles.view\","
                + "\"admin.users.manage\"]}", rm));
        assertDenied(send("POST", "/api/v1/roles", "{\"name\":\"ops-" + suffix + "\",\"permissions\":[\"admin.plugins.manage\"]}", rm));
        assertDenied(send("PUT", "/api/v1/roles/" + adminRole, "{\"description\":\"mine now\"}", rm));
        assertDenied(send("PUT", "/api/v1/roles/" + adminRole, "{\"permissions\":[]}", rm));
        String key = apiKey(rm, "admin.roles.manage");
        assertDenied(send("PUT", "/api/v1/roles/" + own, "{\"permissions\":[\"admin.roles.manage\",\"admin.roles.view\","
                + "\"admin.shell\"]}", "X-API-Key", key));
        assertEquals("[\"admin.roles.manage\",\"admin.roles.view\"]",
                ok(200, http.get("/api/v1/roles/" + own, "Authorization", admin)).path("permissions").toString());

        ok(201, send("POST", "/api/v1/roles", "{\"name\":\"viewers-" + suffix + "\",\"permissions\":[\"admin.roles.view\"]}", rm));
    }

    @Test
    public void apiKeysCannotTouchTheOwnersEmailPasswordOrSessions() {
        user("keyed", "user");
        String me = login("keyed");
        String key = apiKey(admin, "admin.monitoring.view");
        assertDenied(send("PUT", "/api/v1/profile", "{\"email\":\"stolen-" + suffix + "@example.test\",\"current_password\":\"x\"}",
                "X-API-Key", key));
        assertDenied(send("POST", "/api/v1/profile/password", "{\"current_password\":\"guess\",\"password\":\"x\","
                + "\"password_confirmation\":\"x\"}", "X-API-Key", key));
        Http.Reply sessions = http.get("/api/v1/auth/sessions", "X-API-Key", key);
        assertDenied(sessions);
        assertTrue(sessions.body(), sessions.json().path("error").path("message").asText().contains("API keys"));
        ok(200, http.get("/api/v1/profile", "X-API-Key", key));
        ok(200, http.get("/api/v1/auth/sessions", "Authorization", me));
    }

    @Test
    public void anEmailChangeNeedsTheCurrentPasswordAndRevealsNoOtherAccount() {
        user("mover", "user");
        String me = login("mover");
        String fresh = "moved-" + suffix + "@example.test";
        Http.Reply missing = send("PUT", "/api/v1/profile", "{\"email\":\"" + fresh + "\"}", me);
        assertEquals(missing.body(), 422, missing.status());
        assertTrue(missing.body(), missing.json().path("error").path("details").has("current_password"));
        Http.Reply wrong = send("PUT", "/api/v1/profile", "{\"email\":\"" + fresh + "\",\"current_password\":\"nope\"}", me);
        assertEquals(wrong.body(), 422, wrong.status());
        assertTrue(wrong.body(), wrong.json().path("error").path("details").has("current_password"));

        Http.Reply taken = send("PUT", "/api/v1/profile", "{\"email\":\"admin@localhost\",\"current_password\":\"" + PASSWORD + "\"}", me);
        assertEquals("a taken address answers as a free one does", 200, taken.status());
        assertEquals("admin@localhost", taken.json().path("data").path("email").asText());
        assertEquals("but is not applied", "mover-" + suffix + "@example.test",
                ok(200, http.get("/api/v1/profile", "Authorization", me)).path("email").asText());

        Http.Reply moved = send("PUT", "/api/v1/profile", "{\"email\":\"" + fresh + "\",\"current_password\":\"" + PASSWORD + "\"}", me);
        assertEquals(fresh, ok(200, moved).path("email").asText());
        assertEquals(fresh, ok(200, http.get("/api/v1/profile", "Authorization", me)).path("email").asText());
        ok(200, send("PUT", "/api/v1/profile", "{\"first_name\":\"No password needed\"}", me));
    }

    @Test
    public void overLongTextIsAValidationErrorNamingTheField() {
        String id = user("long", "user");
        String me = login("long");
        assertTooLong(send("PUT", "/api/v1/preferences", "{\"locale\":\"" + "x".repeat(21) + "\"}", me), "locale", 20);
        assertTooLong(send("PUT", "/api/v1/profile", "{\"first_name\":\"" + "x".repeat(101) + "\"}", me), "first_name", 100);
        assertTooLong(send("PUT", "/api/v1/profile", "{\"last_name\":\"" + "x".repeat(101) + "\"}", me), "last_name", 100);
        assertTooLong(send("PUT", "/api/v1/profile", "{\"phone\":\"" + "1".repeat(41) + "\"}", me), "phone", 40);
        assertTooLong(send("PUT", "/api/v1/profile", "{\"bio\":\"" + "x".repeat(2001) + "\"}", me), "bio", 2000);
        assertTooLong(send("PUT", "/api/v1/users/" + id, "{\"timezone\":\"" + "x".repeat(65) + "\"}", admin), "timezone", 64);
        assertTooLong(send("POST", "/api/v1/roles", "{\"name\":\"long-" + suffix + "\",\"description\":\"" + "x".repeat(501)
                + "\"}", admin), "description", 500);
        assertTooLong(send("POST", "/api/v1/users", "{\"username\":\"l2-" + suffix + "\",\"email\":\"" + "x".repeat(250)
                + "@example.test\",\"password\":\"" + PASSWORD + "\"}", admin), "email", 254);
        ok(200, send("PUT", "/api/v1/preferences", "{\"locale\":\"" + "x".repeat(20) + "\"}", me));
    }

    /** A shell operator holding user management (and the shell) cannot create an admin either, and the command fails. */
    @Test
    public void theShellAppliesTheSameRuleToItsOperator() throws Exception {
        String shellOps = role("shell-ops", "admin.shell", "admin.users.manage", "admin.users.view");
        user("op", "shell-ops-" + suffix);
        assertFalse(shellOps.isEmpty());
        Subject operator = KarafShell.jaasLogin("op-" + suffix, PASSWORD);

        String refused = KarafShell.runAs(context, operator, "user:add --password " + PASSWORD + " --role admin evil3-" + suffix + " evil3-"
                + suffix + "@example.test");
        assertTrue(refused, refused.startsWith("FAILED") && refused.contains("Not created"));
        assertEquals(0, http.get("/api/v1/users?filter[username]=evil3-" + suffix, "Authorization", admin).json()
                .path("meta").path("total").asInt());
        String roleGrab = KarafShell.runAs(context, operator, "user:role-add op-" + suffix + " admin");
        assertTrue(roleGrab, roleGrab.startsWith("FAILED"));
        String made = KarafShell.runAs(context, operator, "user:add --password " + PASSWORD + " --role user fine3-" + suffix + " fine3-"
                + suffix + "@example.test");
        assertTrue(made, made.contains("Created fine3-" + suffix));
    }
}
