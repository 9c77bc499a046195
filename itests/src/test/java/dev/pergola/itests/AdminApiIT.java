package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;

import com.fasterxml.jackson.databind.JsonNode;

/** Accounts and roles administration, and the authorization matrix of every REST method in the runtime. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class AdminApiIT {
    private static final String USER_PASSWORD = "plain-user-password-1";

    @Inject
    private BundleContext context;

    @Inject
    private JaxrsServiceRuntime runtime;

    private Http http;
    private ServiceRegistration<EchoResource> echo;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("Pergola-Permissions", "itest.secret.view");
        return probe;
    }

    @Before
    public void setUp() {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        echo = EchoResource.register(context, http);
    }

    @After
    public void tearDown() {
        echo.unregister();
    }

    private String admin() throws Exception {
        return "Bearer " + Admin.login(http);
    }

    private String login(String username, String password) {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json",
                BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return "Bearer " + reply.json().path("data").path("access_token").asText();
    }

    private Http.Reply send(String method, String path, String json, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT) + path));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        } else {
            b.method(method, BodyPublishers.noBody());
        }
        return auth == null ? http.send(b) : http.send(b, "Authorization", auth);
    }

    private JsonNode createUser(String auth, String username) {
        Http.Reply reply = send("POST", "/api/v1/users", "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.test\",\"password\":\"" + USER_PASSWORD + "\",\"first_name\":\"Test\"}", auth);
        assertEquals(reply.body(), 201, reply.status());
        return reply.json().path("data");
    }

    @Test
    public void usersAdministrationEndToEnd() throws Exception {
        String admin = admin();
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode ann = createUser(admin, name);
        String id = ann.path("id").asText();
        assertEquals("[\"user\"]", ann.path("roles").toString());
        assertTrue(ann.path("password_hash").isMissingNode() && ann.path("password").isMissingNode());

        assertEquals(409, send("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"email\":\"other@example.test\","
                + "\"password\":\"" + USER_PASSWORD + "\"}", admin).status());
        Http.Reply weak = send("POST", "/api/v1/users", "{\"username\":\"bob-x\",\"email\":\"bob@example.test\","
                + "\"password\":\"short\"}", admin);
        assertEquals(422, weak.status());
        assertTrue(weak.body(), weak.json().path("error").path("details").has("password"));
        Http.Reply mass = send("POST", "/api/v1/users", "{\"username\":\"eve-x\",\"email\":\"eve@example.test\","
                + "\"password\":\"" + USER_PASSWORD + "\",\"status\":\"active\",\"is_admin\":true}", admin);
        assertEquals(mass.body(), 422, mass.status());

        Http.Reply list = http.get("/api/v1/users?search=" + name + "&filter[role]=user&per_page=5&sort=username", "Authorization", admin);
        assertEquals(list.body(), 200, list.status());
        assertEquals(1, list.json().path("meta").path("total").asInt());
        assertEquals(5, list.json().path("meta").path("per_page").asInt());
        assertEquals(name, list.json().path("data").get(0).path("username").asText());
        Http.Reply sparse = http.get("/api/v1/users?fields=username&filter[id]=" + id, "Authorization", admin);
        assertFalse(sparse.body(), sparse.json().path("data").get(0).has("email"));
        Http.Reply bad = http.get("/api/v1/users?sort=password_hash&filter[role][gt]=x", "Authorization", admin);
        assertEquals(422, bad.status());
        assertTrue(bad.json().path("error").path("details").has("sort"));
        assertEquals(1, http.get("/api/v1/users?filter[role]=admin&filter[username]=admin", "Authorization", admin)
                .json().path("meta").path("total").asInt());

        Http.Reply updated = send("PUT", "/api/v1/users/" + id, "{\"last_name\":\"Smith\",\"locale\":\"de\"}", admin);
        assertEquals(updated.body(), 200, updated.status());
        assertEquals("Smith", updated.json().path("data").path("last_name").asText());
        assertEquals(422, send("PUT", "/api/v1/users/" + id, "{\"roles\":[\"admin\"]}", admin).status());

        String ann1 = login(name, USER_PASSWORD);
        assertEquals(200, send("POST", "/api/v1/users/" + id + "/deactivate", null, admin).status());
        assertEquals("deactivation ends sessions", 401, http.get("/api/v1/auth/me", "Authorization", ann1).status());
        assertEquals(401, http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"" + USER_PASSWORD + "\"}")).status());
        assertEquals(200, send("POST", "/api/v1/users/" + id + "/activate", null, admin).status());
        login(name, USER_PASSWORD);

        assertEquals(204, send("DELETE", "/api/v1/users/" + id, null, admin).status());
        assertEquals(404, http.get("/api/v1/users/" + id, "Authorization", admin).status());
        assertEquals(1, http.get("/api/v1/users?deleted=true&filter[id]=" + id, "Authorization", admin).json()
                .path("meta").path("total").asInt());
        assertEquals(200, send("POST", "/api/v1/users/" + id + "/restore", null, admin).status());
        assertEquals(200, http.get("/api/v1/users/" + id, "Authorization", admin).status());

        String adminId = http.get("/api/v1/auth/me", "Authorization", admin).json().path("data").path("id").asText();
        assertEquals(409, send("DELETE", "/api/v1/users/" + adminId, null, admin).status());
        assertEquals(409, send("POST", "/api/v1/users/" + adminId + "/deactivate", null, admin).status());
    }

    @Test
    public void rolesGrantPermissionsAndChangesTakeEffectAtOnce() throws Exception {
        String admin = admin();
        String name = "mon-" + UUID.randomUUID().toString().substring(0, 6);
        String userId = createUser(admin, name).path("id").asText();
        String user = login(name, USER_PASSWORD);
        assertEquals(403, http.get("/api/v1/status", "Authorization", user).status());

        Http.Reply role = send("POST", "/api/v1/roles", "{\"name\":\"" + name + "\",\"description\":\"Monitoring\","
                + "\"permissions\":[\"admin.monitoring.view\"]}", admin);
        assertEquals(role.body(), 201, role.status());
        String roleId = role.json().path("data").path("id").asText();
        assertEquals(422, send("POST", "/api/v1/roles", "{\"name\":\"x-" + name + "\",\"permissions\":[\"no.such.thing\"]}",
                admin).status());
        assertEquals(409, send("POST", "/api/v1/roles", "{\"name\":\"" + name + "\"}", admin).status());

        assertEquals(200, send("POST", "/api/v1/users/" + userId + "/roles/" + roleId, null, admin).status());
        assertEquals(200, http.get("/api/v1/status", "Authorization", user).status());

        assertEquals(200, send("PUT", "/api/v1/roles/" + roleId, "{\"permissions\":[\"admin.users.view\"]}", admin).status());
        assertEquals(403, http.get("/api/v1/status", "Authorization", user).status());
        assertEquals(200, http.get("/api/v1/users", "Authorization", user).status());

        Http.Reply perms = http.get("/api/v1/permissions?filter[source][ne]=core", "Authorization", admin);
        assertTrue(perms.body(), perms.body().contains("itest.secret.view"));
        String systemRole = http.get("/api/v1/roles?filter[name]=admin", "Authorization", admin).json()
                .path("data").get(0).path("id").asText();
        assertEquals(409, send("DELETE", "/api/v1/roles/" + systemRole, null, admin).status());
        assertEquals(204, send("DELETE", "/api/v1/roles/" + roleId, null, admin).status());
        assertEquals(403, http.get("/api/v1/users", "Authorization", user).status());
    }

    @Test
    public void selfServiceProfilePreferencesAndPassword() throws Exception {
        String name = "self-" + UUID.randomUUID().toString().substring(0, 6);
        createUser(admin(), name);
        String me = login(name, USER_PASSWORD);
        String other = login(name, USER_PASSWORD);

        Http.Reply profile = send("PUT", "/api/v1/profile", "{\"first_name\":\"Sam\",\"bio\":\"hello\"}", me);
        assertEquals(profile.body(), 200, profile.status());
        assertEquals("Sam", profile.json().path("data").path("first_name").asText());
        Http.Reply escalate = send("PUT", "/api/v1/profile", "{\"roles\":[\"admin\"],\"status\":\"active\"}", me);
        assertEquals("no mass assignment", 422, escalate.status());
        assertTrue(escalate.body(), escalate.json().path("error").path("details").has("roles"));
        assertEquals("[\"user\"]", http.get("/api/v1/profile", "Authorization", me).json().path("data").path("roles").toString());

        assertEquals(200, send("PUT", "/api/v1/preferences", "{\"locale\":\"fr\",\"timezone\":\"Europe/Paris\"}", me).status());
        assertEquals("Europe/Paris", http.get("/api/v1/preferences", "Authorization", me).json().path("data").path("timezone").asText());
        assertEquals(422, send("PUT", "/api/v1/preferences", "{\"timezone\":\"Mars/Olympus\"}", me).status());

        Http.Reply wrong = send("POST", "/api/v1/profile/password", "{\"current_password\":\"nope\",\"password\":\"short\","
                + "\"password_confirmation\":\"other\"}", me);
        assertEquals(422, wrong.status());
        JsonNode details = wrong.json().path("error").path("details");
        assertTrue(details.toString(), details.has("current_password") && details.has("password") && details.has("password_confirmation"));
        String fresh = "a-brand-new-password-2";
        assertEquals(204, send("POST", "/api/v1/profile/password", "{\"current_password\":\"" + USER_PASSWORD
                + "\",\"password\":\"" + fresh + "\",\"password_confirmation\":\"" + fresh + "\"}", me).status());
        assertEquals("this session stays", 200, http.get("/api/v1/auth/me", "Authorization", me).status());
        assertEquals("other sessions end", 401, http.get("/api/v1/auth/me", "Authorization", other).status());
        login(name, fresh);
    }

    /**
     * Every method the JAX-RS runtime serves in the platform application, called anonymously, as a user
     * without permissions and as admin: 401 / 403 / allowed exactly as declared. A platform method that
     * declares nothing fails the test.
     */
    @Test
    public void authorizationMatrixOfEveryRegisteredMethod() throws Exception {
        String plainName = "plain-" + UUID.randomUUID().toString().substring(0, 6);
        createUser(admin(), plainName);
        JsonNode doc = http.get("/api/openapi.json").json().path("paths");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (ApplicationDTO app : runtime.getRuntimeDTO().applicationDTOs) {
            if (!"pergola".equals(app.name)) {
                continue;
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                String bundle = bundleOf(resource.serviceId);
                for (ResourceMethodInfoDTO m : resource.resourceMethods) {
                    if (m.method.equals("HEAD") || m.method.equals("OPTIONS")) {
                        continue;
                    }
                    String path = ("/api/" + m.path).replaceAll("/+", "/").replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}")
                            .replaceAll("(.)/$", "$1");
                    JsonNode op = doc.path(path).path(m.method.toLowerCase());
                    String what = m.method + " " + path + " (" + bundle + ")";
                    if (op.isMissingNode()) {
                        failures.add(what + ": served but not in /api/openapi.json");
                        continue;
                    }
                    if (bundle.startsWith("dev.pergola.") && !op.path("x-declared").asBoolean()) {
                        failures.add(what + ": declares neither @PermitAll, @RolesAllowed nor @DenyAll");
                    }
                    check(what, m.method, path, op.path("x-access").asText(), plainName, failures);
                    checked++;
                }
            }
        }
        assertTrue("checked only " + checked, checked >= 20);
        assertTrue(String.join("\n", failures), failures.isEmpty());
    }

    private void check(String what, String method, String template, String access, String plainName, List<String> failures)
            throws Exception {
        String path = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        String body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
        Map<String, Integer> got = new HashMap<>();
        got.put("anonymous", send(method, path, body, null).status());
        got.put("user", send(method, path, body, login(plainName, USER_PASSWORD)).status());
        got.put("admin", send(method, path, body, admin()).status());
        int anon = got.get("anonymous");
        int user = got.get("user");
        int adm = got.get("admin");
        boolean ok = switch (access) {
            case "public" -> anon != 401 && anon != 403 && user != 403 && adm != 403;
            case "authenticated" -> anon == 401 && user != 401 && user != 403 && adm != 401 && adm != 403;
            case "permission" -> anon == 401 && user == 403 && adm != 401 && adm != 403;
            case "deny" -> anon == 403 && user == 403 && adm == 403;
            default -> false;
        };
        if (!ok) {
            failures.add(what + " declared " + access + " but answered " + got);
        }
    }

    private String bundleOf(long serviceId) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + serviceId + ")");
        return refs == null ? "?" : refs[0].getBundle().getSymbolicName();
    }

    @Test
    public void aDeactivatedOrUnknownCallerNeverGetsThrough() {
        assertNotEquals(200, http.get("/api/v1/users", "Authorization", "Bearer x.y.z").status());
    }
}
