package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.events.EventTypes;

/**
 * Identity's changes in the audit trail on a real boot: every admin action through REST and every shell command
 * yields exactly one record (the request's X-Request-ID finds it) with the right action, actor, channel, target and
 * before/after; and no password, token or key used along the way appears in any record, event or log line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdentityAuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    private Http http;
    private String base;
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Every secret the test sends or receives: none may be found in the trail, the events or the log. */
    private final List<String> secrets = new ArrayList<>();
    private int requests;
    private String adminToken;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Before
    public void setUp() {
        int port = Integer.getInteger(PergolaExam.HTTP_PORT);
        http = new Http(port);
        base = "http://127.0.0.1:" + port;
        assertEquals(200, http.await("/api/health/ready", Duration.ofSeconds(60)).status());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, EventTypes.ALL_TOPICS);
        context.registerService(EventHandler.class, e -> events.add(e.getTopic() + " "
                + java.util.Arrays.stream(e.getPropertyNames()).map(n -> n + "=" + e.getProperty(n))
                        .collect(Collectors.joining(", "))), props);
    }

    @Test
    public void eachActionIsOneRecordAndNoSecretIsKept() throws Exception {
        long before = count("1 = 1");
        restActions();
        assertEquals("one record per request, none elsewhere", before + requests, count("1 = 1"));
        shellCommands();
        awaitSealed();
        noSecretAnywhere();
    }

    private void restActions() throws Exception {
        String adminPassword = Admin.password();
        secrets.add(adminPassword);

        // login: the account is the actor
        Call login = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}");
        assertEquals(login.reply.body(), 200, login.reply.status());
        String admin = token(login.reply);
        adminToken = admin;
        String adminId = login.reply.json().path("data").path("user").path("id").asText();
        Map<String, Object> row = login.one(EventTypes.AUTH_LOGIN);
        assertEquals("user", row.get("actor_type"));
        assertEquals(adminId, row.get("actor_id"));
        assertEquals("rest", row.get("channel"));
        assertEquals("password", json(row, "details_json").path("method").asText());
        assertEquals("127.0.0.1", row.get("client_address"));

        // a failed login: denied, the name tried and why
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String wrong = "Wrong-" + UUID.randomUUID();
        secrets.add(wrong);
        Call failed = call("POST", "/api/v1/auth/login", null, "{\"username\":\"" + ghost + "\",\"password\":\"" + wrong + "\"}");
        assertEquals(401, failed.reply.status());
        row = failed.one(EventTypes.AUTH_LOGIN_FAILED);
        assertEquals("denied", row.get("outcome"));
        assertEquals(ghost, json(row, "details_json").path("username").asText());
        assertEquals("wrong_credentials", json(row, "details_json").path("reason").asText());

        // a user created with a role: one user.created, the roles inside "after"
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        secrets.add(password);
        Call created = call("POST", "/api/v1/users", admin, "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.test\",\"password\":\"" + password + "\",\"roles\":[\"user\"]}");
        assertEquals(created.reply.body(), 201, created.reply.status());
        String userId = created.reply.json().path("data").path("id").asText();
        row = created.one(EventTypes.USER_CREATED);
        assertEquals(adminId, row.get("actor_id"));
        assertEquals("user", row.get("target_type"));
        assertEquals(userId, row.get("target_id"));
        assertEquals(name, row.get("target_name"));
        assertNull(row.get("before_json"));
        assertEquals("[\"user\"]", json(row, "after_json").path("roles").toString());
        assertFalse(String.valueOf(row.get("after_json")).contains("hash"));

        Call updated = call("PUT", "/api/v1/users/" + userId, admin, "{\"email\":\"changed-" + name + "@example.test\"}");
        assertEquals(updated.reply.body(), 200, updated.reply.status());
        row = updated.one(EventTypes.USER_UPDATED);
        assertEquals(name + "@example.test", json(row, "before_json").path("email").asText());
        assertEquals("changed-" + name + "@example.test", json(row, "after_json").path("email").asText());

        // the user signs in, is refused an admin list (403), changes their password and signs out
        Call userLogin = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        String user = token(userLogin.reply);
        userLogin.one(EventTypes.AUTH_LOGIN);
        Call denied = call("GET", "/api/v1/users", user, null);
        assertEquals(403, denied.reply.status());
        row = denied.one(EventTypes.ACCESS_DENIED);
        assertEquals("denied", row.get("outcome"));
        assertEquals(userId, row.get("actor_id"));
        assertEquals("admin.users.view", json(row, "details_json").path("required_permission").asText());
        assertEquals("/api/v1/users", json(row, "details_json").path("path").asText());
        assertEquals("GET", json(row, "details_json").path("method").asText());

        String newPassword = "Pw2-" + UUID.randomUUID();
        secrets.add(newPassword);
        Call changed = call("POST", "/api/v1/profile/password", user, "{\"current_password\":\"" + password
                + "\",\"password\":\"" + newPassword + "\",\"password_confirmation\":\"" + newPassword + "\"}");
        assertEquals(changed.reply.body(), 2, changed.reply.status() / 100);
        row = changed.one(EventTypes.AUTH_PASSWORD_CHANGED);
        assertEquals(userId, row.get("target_id"));
        assertEquals(userId, row.get("actor_id"));
        // a second sign-in, ended from the first session: session.ended
        Call second = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"" + newPassword + "\"}");
        token(second.reply);
        second.one(EventTypes.AUTH_LOGIN);
        String secondSession = json(second.one(EventTypes.AUTH_LOGIN), "details_json").path("session_id").asText();
        Call ended = call("DELETE", "/api/v1/auth/sessions/" + secondSession, user, null);
        assertEquals(ended.reply.body(), 204, ended.reply.status());
        row = ended.one(EventTypes.SESSION_ENDED);
        assertEquals(secondSession, row.get("target_id"));
        assertEquals(userId, row.get("actor_id"));
        assertEquals("terminated", json(row, "details_json").path("reason").asText());
        Call logout = call("POST", "/api/v1/auth/logout", user, "");
        assertEquals(204, logout.reply.status());
        row = logout.one(EventTypes.AUTH_LOGOUT);
        assertEquals("logout", json(row, "details_json").path("reason").asText());

        // deactivation ends the sessions too: still one record
        Call deactivated = call("POST", "/api/v1/users/" + userId + "/deactivate", admin, "");
        assertEquals(deactivated.reply.body(), 200, deactivated.reply.status());
        row = deactivated.one(EventTypes.USER_DEACTIVATED);
        assertEquals("active", json(row, "before_json").path("status").asText());
        assertEquals("inactive", json(row, "after_json").path("status").asText());
        call("POST", "/api/v1/users/" + userId + "/activate", admin, "").one(EventTypes.USER_ACTIVATED);

        // roles
        String roleName = "auditors-" + UUID.randomUUID().toString().substring(0, 6);
        Call role = call("POST", "/api/v1/roles", admin, "{\"name\":\"" + roleName
                + "\",\"description\":\"first\",\"permissions\":[\"admin.users.view\"]}");
        assertEquals(role.reply.body(), 201, role.reply.status());
        String roleId = role.reply.json().path("data").path("id").asText();
        row = role.one(EventTypes.ROLE_CREATED);
        assertEquals(roleName, row.get("target_name"));
        assertEquals("[\"admin.users.view\"]", json(row, "after_json").path("permissions").toString());
        row = call("PUT", "/api/v1/roles/" + roleId, admin, "{\"description\":\"second\"}").one(EventTypes.ROLE_UPDATED);
        assertEquals("first", json(row, "before_json").path("description").asText());
        assertEquals("second", json(row, "after_json").path("description").asText());
        row = call("POST", "/api/v1/users/" + userId + "/roles/" + roleId, admin, "").one(EventTypes.USER_ROLE_ASSIGNED);
        assertEquals(roleName, json(row, "details_json").path("role").asText());
        assertTrue(json(row, "after_json").path("roles").toString().contains(roleName));
        assertFalse(json(row, "before_json").path("roles").toString().contains(roleName));
        call("DELETE", "/api/v1/users/" + userId + "/roles/" + roleId, admin, null).one(EventTypes.USER_ROLE_REMOVED);
        row = call("DELETE", "/api/v1/roles/" + roleId, admin, null).one(EventTypes.ROLE_DELETED);
        assertEquals(roleName, json(row, "before_json").path("name").asText());

        // API keys: the secret is in the answer, never in the record
        Call key = call("POST", "/api/v1/auth/api-keys", admin, "{\"name\":\"audit-key\",\"scopes\":[\"admin.users.view\"]}");
        assertEquals(key.reply.body(), 201, key.reply.status());
        String keyId = key.reply.json().path("data").path("id").asText();
        secrets.add(key.reply.json().path("data").path("key").asText());
        row = key.one(EventTypes.API_KEY_CREATED);
        assertEquals(keyId, row.get("target_id"));
        assertEquals("audit-key", json(row, "after_json").path("name").asText());
        row = call("DELETE", "/api/v1/auth/api-keys/" + keyId, admin, null).one(EventTypes.API_KEY_REVOKED);
        assertTrue(json(row, "before_json").path("revoked_at").isMissingNode());
        assertFalse(json(row, "after_json").path("revoked_at").isMissingNode());

        row = call("DELETE", "/api/v1/users/" + userId, admin, null).one(EventTypes.USER_DELETED);
        assertFalse(json(row, "after_json").path("deleted_at").isMissingNode());
        row = call("POST", "/api/v1/users/" + userId + "/restore", admin, "").one(EventTypes.USER_RESTORED);
        assertTrue(json(row, "after_json").path("deleted_at").isMissingNode());
    }

    private void shellCommands() throws Exception {
        Subject operator = KarafShell.jaasLogin("admin", Admin.password());
        String shellCount = "channel = 'shell'";
        long before = count(shellCount);
        String name = "shell-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Shell-" + UUID.randomUUID();
        secrets.add(password);
        String out = KarafShell.runAs(context, operator, "user:add --password " + password + " " + name + " " + name
                + "@example.test");
        assertFalse(out, out.startsWith("FAILED"));
        List<Map<String, Object>> added = rows(shellCount + " AND target_name = ?", name);
        assertEquals("one user.created from the shell, no shell.command: " + added, 1, added.size());
        assertEquals(EventTypes.USER_CREATED, added.get(0).get("action"));
        assertEquals("admin", added.get(0).get("actor_name"));
        assertEquals(before + 1, count(shellCount));

        out = KarafShell.runAs(context, operator, "bundle:list");
        assertFalse(out, out.startsWith("FAILED"));
        List<Map<String, Object>> listed = rows(shellCount + " AND action = ?", EventTypes.SHELL_COMMAND);
        assertEquals(before + 2, count(shellCount));
        Map<String, Object> command = listed.stream()
                .filter(r -> json(r, "details_json").path("command").asText().equals("bundle:list")).findFirst().orElseThrow();
        assertEquals("success", command.get("outcome"));
        assertEquals("admin", command.get("actor_name"));

        // another bundle's command (audit's) gets the shell origin too, and is not also a bare shell.command
        Path exported = Files.createTempFile("audit-export", ".json");
        out = KarafShell.runAs(context, operator, "audit:export --format json --output " + exported);
        assertFalse(out, out.startsWith("FAILED"));
        List<Map<String, Object>> exports = rows(shellCount + " AND action = ?", EventTypes.AUDIT_EXPORTED);
        assertEquals("one audit.exported from the shell: " + exports, 1, exports.size());
        assertEquals("admin", exports.get(0).get("actor_name"));
        assertEquals("no shell.command besides it", before + 3, count(shellCount));
        before++;

        String refused = "Refused-" + UUID.randomUUID();
        secrets.add(refused);
        out = KarafShell.runAs(context, operator, "user:add --password " + refused + " x bad-address");
        assertTrue(out, out.startsWith("FAILED"));
        assertEquals("a failed command that recorded nothing is one shell.command", before + 3, count(shellCount));
        Map<String, Object> failedCommand = rows(shellCount + " AND action = ? AND outcome = 'failed'",
                EventTypes.SHELL_COMMAND).get(0);
        assertTrue(String.valueOf(failedCommand.get("details_json")), json(failedCommand, "details_json")
                .path("arguments").toString().startsWith("[\"--password\",\"****\""));
    }

    /** Waits until every record is sealed (and so posted), then a little for Event Admin's delivery. */
    private void awaitSealed() throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (count("seq IS NULL") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("every record sealed", 0, count("seq IS NULL"));
        Thread.sleep(1000);
    }

    private void noSecretAnywhere() throws Exception {
        String trail = rows("1 = 1").stream().map(Map::toString).collect(Collectors.joining("\n"))
                + "\n" + servedByTheAuditApi();
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        String logged = Files.exists(log) ? Files.readString(log) : "";
        String posted = String.join("\n", events);
        assertTrue("identity's records were posted as events", posted.contains("dev/pergola/user/created"));
        for (String secret : secrets) {
            assertFalse("a secret in the audit trail", trail.contains(secret));
            assertFalse("a secret in karaf.log", logged.contains(secret));
            assertFalse("a secret in an event", posted.contains(secret));
        }
    }

    /** Every record as GET /api/v1/audit lists it, and each one as GET /api/v1/audit/{id} shows it. */
    private String servedByTheAuditApi() {
        StringBuilder served = new StringBuilder();
        int seen = 0;
        for (int page = 1; page < 100; page++) {
            Http.Reply list = http.get("/api/v1/audit?page=" + page + "&per_page=100", "Authorization",
                    "Bearer " + adminToken);
            assertEquals(list.body(), 200, list.status());
            JsonNode data = list.json().path("data");
            if (data.size() == 0) {
                break;
            }
            served.append(list.body());
            for (JsonNode record : data) {
                Http.Reply one = http.get("/api/v1/audit/" + record.path("id").asText(), "Authorization",
                        "Bearer " + adminToken);
                assertEquals(one.body(), 200, one.status());
                served.append(one.body());
                seen++;
            }
        }
        assertTrue("the API served the records: " + seen, seen >= requests);
        return served.toString();
    }

    /** A request with its own X-Request-ID, and the records it made. */
    private final class Call {
        final String requestId = "it-" + UUID.randomUUID();
        Http.Reply reply;

        /** Its one record, which must be {@code action}. */
        Map<String, Object> one(String action) throws Exception {
            List<Map<String, Object>> made = rows("request_id = ?", requestId);
            assertEquals("records of " + requestId + ": " + made, 1, made.size());
            assertEquals(action, made.get(0).get("action"));
            assertEquals("rest", made.get(0).get("channel"));
            return made.get(0);
        }
    }

    private Call call(String method, String path, String bearer, String body) throws Exception {
        Call call = new Call();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("X-Request-ID", call.requestId).header("User-Agent", "identity-audit-it");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        call.reply = http.send(request);
        requests++;
        return call;
    }

    private String token(Http.Reply login) {
        assertEquals(login.body(), 200, login.status());
        String access = login.json().path("data").path("access_token").asText();
        secrets.add(access);
        secrets.add(login.json().path("data").path("refresh_token").asText());
        return access;
    }

    private static JsonNode json(Map<String, Object> row, String column) {
        Object value = row.get(column);
        assertNotNull(column + " of " + row, value);
        try {
            return JSON.readTree(value.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long count(String where) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE " + where);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<Map<String, Object>> rows(String where, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM audit_log WHERE " + where + " ORDER BY occurred_at, id")) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), r.getObject(i));
                    }
                    found.add(row);
                }
            }
            return found;
        }
    }
}
