package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
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
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Login, token refresh and revocation, and deny-by-default authorization, through real HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class AuthIT {
    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    @Inject
    private dev.pergola.api.security.SecretBox secretBox;

    private Http http;
    private ServiceRegistration<EchoResource> echo;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    /** The test probe is a plugin too: it defines a permission in its manifest. */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader("Pergola-Permissions", "itest.secret.view;description=\"Read the secret, test only\"");
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

    private Http.Reply login(String username, String password) {
        return http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    }

    private Http.Reply refresh(String refreshToken) {
        return http.post("/api/v1/auth/refresh", "application/json",
                BodyPublishers.ofString("{\"refresh_token\":\"" + refreshToken + "\"}"));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    public void loginMeRefreshLogout() throws Exception {
        Http.Reply login = login("admin", Admin.password());
        assertEquals(login.body(), 200, login.status());
        JsonNode data = login.json().path("data");
        assertEquals("Bearer", data.path("token_type").asText());
        assertTrue(data.path("expires_in").asInt() > 0);
        assertEquals("admin", data.path("user").path("username").asText());
        assertTrue(data.path("user").path("password_hash").isMissingNode());
        String access = data.path("access_token").asText();

        Http.Reply me = http.get("/api/v1/auth/me", "Authorization", bearer(access));
        assertEquals(me.body(), 200, me.status());
        assertTrue(me.body(), me.json().path("data").path("roles").toString().contains("admin"));
        String permissions = me.json().path("data").path("permissions").toString();
        assertTrue(permissions, permissions.contains("admin.users.manage"));
        assertTrue("admin holds plugin-defined permissions too: " + permissions, permissions.contains("itest.secret.view"));

        Http.Reply refreshed = refresh(data.path("refresh_token").asText());
        assertEquals(refreshed.body(), 200, refreshed.status());
        String newRefresh = refreshed.json().path("data").path("refresh_token").asText();
        assertNotEquals(data.path("refresh_token").asText(), newRefresh);
        String newAccess = refreshed.json().path("data").path("access_token").asText();
        assertEquals(200, http.get("/api/v1/auth/me", "Authorization", bearer(newAccess)).status());

        Http.Reply logout = http.post("/api/v1/auth/logout", "application/json", BodyPublishers.ofString(""),
                "Authorization", bearer(newAccess));
        assertEquals(logout.body(), 204, logout.status());
        Http.Reply after = http.get("/api/v1/auth/me", "Authorization", bearer(newAccess));
        assertEquals(401, after.status());
        assertEquals("INVALID_TOKEN", after.json().path("error").path("code").asText());
        assertEquals(401, refresh(newRefresh).status());
    }

    @Test
    public void reusingASpentRefreshTokenRevokesTheWholeSession() throws Exception {
        JsonNode first = login("admin", Admin.password()).json().path("data");
        String spent = first.path("refresh_token").asText();
        JsonNode second = refresh(spent).json().path("data");
        String current = second.path("refresh_token").asText();
        String access = second.path("access_token").asText();

        Http.Reply reuse = refresh(spent);
        assertEquals(401, reuse.status());
        assertEquals("INVALID_TOKEN", reuse.json().path("error").path("code").asText());
        assertEquals("the thief's session is gone", 401, refresh(current).status());
        assertEquals("and so are its access tokens", 401, http.get("/api/v1/auth/me", "Authorization", bearer(access)).status());
    }

    @Test
    public void wrongPasswordsAndUnknownUsersGetTheSameAnswer() {
        Http.Reply wrong = login("admin", "not-the-password");
        Http.Reply unknown = login("nobody-at-all", "not-the-password");
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals("INVALID_CREDENTIALS", wrong.json().path("error").path("code").asText());
        assertEquals(wrong.json().path("error").path("message"), unknown.json().path("error").path("message"));
        assertEquals(422, http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString("{\"username\":\"admin\"}")).status());
    }

    @Test
    public void tamperedAndForeignTokensAreInvalidAndExpiredOnesSaySo() throws Exception {
        String access = login("admin", Admin.password()).json().path("data").path("access_token").asText();
        String[] parts = access.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"admin\"", "\"root\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertInvalid(http.get("/api/v1/auth/me", "Authorization", bearer(forged)), "INVALID_TOKEN");
        assertInvalid(http.get("/api/v1/auth/me", "Authorization", bearer("not.a.jwt")), "INVALID_TOKEN");
        assertInvalid(http.get("/api/v1/auth/me", "Authorization", "Basic YWRtaW46YWRtaW4="), "INVALID_TOKEN");

        // signed with the platform's own key (opened in-JVM: it is sealed in the database), but expired a minute ago
        ECKey key = SealedData.currentSigningKey(dataSource, secretBox);
        JsonNode session = http.get("/api/v1/auth/me", "Authorization", bearer(access)).json().path("data");
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("pergola").subject(session.path("id").asText())
                .claim("sid", SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("sid"))
                .issueTime(Date.from(Instant.now().minusSeconds(1000)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        expired.sign(new ECDSASigner(key));
        String expiredToken = expired.serialize();
        expiredToken = expiredToken.substring(0, expiredToken.lastIndexOf('.') + 1)
                + com.nimbusds.jose.util.Base64URL.encode(SealedData.lowS(expired.getSignature().decode()));
        assertInvalid(http.get("/api/v1/auth/me", "Authorization", bearer(expiredToken)), "TOKEN_EXPIRED");
    }

    @Test
    public void denyByDefaultFromTheOutside() throws Exception {
        String user = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a-long-enough-password";
        createUser(user, password);
        String userToken = login(user, password).json().path("data").path("access_token").asText();
        String adminToken = login("admin", Admin.password()).json().path("data").path("access_token").asText();

        // a plugin method that declares nothing needs a signed-in caller
        assertInvalid(http.get("/api/itest/mine"), "AUTHENTICATION_REQUIRED");
        assertEquals(200, http.get("/api/itest/mine", "Authorization", bearer(userToken)).status());

        // @RolesAllowed: anonymous 401, without the permission 403 naming it, with it 200
        assertInvalid(http.get("/api/itest/secret"), "AUTHENTICATION_REQUIRED");
        Http.Reply denied = http.get("/api/itest/secret", "Authorization", bearer(userToken));
        assertEquals(denied.body(), 403, denied.status());
        assertEquals("PERMISSION_DENIED", denied.json().path("error").path("code").asText());
        assertEquals("itest.secret.view", denied.json().path("error").path("required_permission").asText());
        assertEquals(200, http.get("/api/itest/secret", "Authorization", bearer(adminToken)).status());

        // platform methods too
        assertEquals(403, http.get("/api/v1/status", "Authorization", bearer(userToken)).status());
        assertEquals(200, http.get("/api/v1/status", "Authorization", bearer(adminToken)).status());
        // public by declaration
        assertEquals(200, http.get("/api/health").status());
        assertEquals(200, http.get("/api/v1/auth/jwks").status());
    }

    @Test
    public void anApiKeyWorksWithinItsScopesUntilRevoked() throws Exception {
        String admin = bearer(login("admin", Admin.password()).json().path("data").path("access_token").asText());
        Http.Reply created = http.post("/api/v1/auth/api-keys", "application/json", BodyPublishers.ofString(
                "{\"name\":\"monitoring probe\",\"scopes\":[\"admin.monitoring.view\"]}"), "Authorization", admin);
        assertEquals(created.body(), 201, created.status());
        String key = created.json().path("data").path("key").asText();
        String id = created.json().path("data").path("id").asText();
        assertTrue(key, key.startsWith("pgl_"));

        assertEquals(200, http.get("/api/v1/status", "X-API-Key", key).status());
        assertEquals(200, http.get("/api/v1/status", "Authorization", "Bearer " + key).status());
        Http.Reply outOfScope = http.get("/api/v1/users", "X-API-Key", key);
        assertEquals("the key holds only its scopes", 403, outOfScope.status());
        assertEquals("admin.users.view", outOfScope.json().path("error").path("required_permission").asText());

        Http.Reply list = http.get("/api/v1/auth/api-keys", "Authorization", admin);
        assertTrue(list.body().contains(id));
        assertFalse("the secret is shown once only", list.body().contains(key));
        assertTrue(list.body().contains(key.substring(0, 12)));

        assertEquals(204, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + "/api/v1/auth/api-keys/" + id)).DELETE(), "Authorization", admin).status());
        assertInvalid(http.get("/api/v1/status", "X-API-Key", key), "INVALID_TOKEN");
        assertInvalid(http.get("/api/v1/status", "X-API-Key", key.substring(0, key.length() - 1) + "x"), "INVALID_TOKEN");

        Http.Reply notHeld = http.post("/api/v1/auth/api-keys", "application/json", BodyPublishers.ofString(
                "{\"name\":\"too much\",\"scopes\":[\"no.such.permission\"]}"), "Authorization", admin);
        assertEquals(422, notHeld.status());
        assertTrue(notHeld.json().path("error").path("details").has("scopes"));
    }

    @Test
    public void sessionsListTheLoginHistoryAndCanBeEnded() throws Exception {
        String first = login("admin", Admin.password()).json().path("data").path("access_token").asText();
        String second = login("admin", Admin.password()).json().path("data").path("access_token").asText();
        Http.Reply list = http.get("/api/v1/auth/sessions", "Authorization", bearer(second));
        assertEquals(list.body(), 200, list.status());
        JsonNode sessions = list.json().path("data");
        assertTrue(sessions.size() >= 2);
        assertTrue("the newest is the current one", sessions.get(0).path("current").asBoolean());
        assertEquals("127.0.0.1", sessions.get(0).path("client_address").asText());
        String firstSession = sessions.get(1).path("id").asText();

        Http.Reply end = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + "/api/v1/auth/sessions/" + firstSession)).DELETE(),
                "Authorization", bearer(second));
        assertEquals(end.body(), 204, end.status());
        assertEquals("the ended session's token stops working", 401,
                http.get("/api/v1/auth/me", "Authorization", bearer(first)).status());
        assertEquals(200, http.get("/api/v1/auth/me", "Authorization", bearer(second)).status());
    }

    @Test
    public void selfRegistrationIsOffByDefault() {
        Http.Reply reply = http.post("/api/v1/auth/register", "application/json", BodyPublishers.ofString(
                "{\"username\":\"walkin\",\"email\":\"walkin@example.test\",\"password\":\"a-long-enough-password\"}"));
        assertEquals(reply.body(), 404, reply.status());
        assertEquals(401, login("walkin", "a-long-enough-password").status());
    }

    @Test
    public void jwksPublishesThePublicKeyOnly() {
        JsonNode keys = http.get("/api/v1/auth/jwks").json().path("keys");
        assertTrue(keys.size() >= 1);
        assertEquals("EC", keys.get(0).path("kty").asText());
        assertTrue("no private part", keys.get(0).path("d").isMissingNode());
    }

    private static void assertInvalid(Http.Reply reply, String code) {
        assertEquals(reply.body(), 401, reply.status());
        assertEquals(reply.body(), code, reply.json().path("error").path("code").asText());
    }

    /** Until the users admin API exists: an account with the role {@code user}, hashed as the platform hashes. */
    private void createUser(String username, String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build());
        byte[] hash = new byte[32];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=19456,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_users (id, username, email, password_hash, "
                    + "status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)")) {
                s.setString(1, id);
                s.setString(2, username);
                s.setString(3, username + "@example.test");
                s.setString(4, phc);
                s.setTimestamp(5, now);
                s.setTimestamp(6, now);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_user_roles (user_id, role_id) "
                    + "SELECT ?, id FROM pergola_roles WHERE name = 'user'")) {
                s.setString(1, id);
                s.executeUpdate();
            }
        }
    }
}
