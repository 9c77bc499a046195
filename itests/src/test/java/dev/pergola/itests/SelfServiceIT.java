package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.security.SecretBox;

/**
 * Self-service with registration switched on and a password history of 2: registering, the emailed
 * password reset (read from the mail outbox), the browser session cookie with its CSRF token, and
 * signing-key rotation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SelfServiceIT {
    private static final Pattern RESET_LINK = Pattern.compile("/admin/reset-password\\?token=([A-Za-z0-9_-]+)");

    @Inject
    @Filter(value = "(osgi.jndi.service.name=pergola)", timeout = 60000)
    private DataSource dataSource;

    @Inject
    private SecretBox secretBox;

    private Http http;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution(
                editConfigurationFilePut("etc/dev.pergola.auth.accounts.cfg", "registration.enabled", "true"),
                editConfigurationFilePut("etc/dev.pergola.auth.accounts.cfg", "password.history", "2"));
    }

    @Before
    public void setUp() {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", java.time.Duration.ofSeconds(60));
    }

    @Test
    public void registrationCreatesAPlainUser() {
        String name = unique("reg");
        Http.Reply created = register(name, name + "@example.test", "a-long-enough-password");
        assertEquals(created.body(), 201, created.status());
        JsonNode user = created.json().path("data");
        assertEquals(name, user.path("username").asText());
        assertEquals("[\"user\"]", user.path("roles").toString());
        assertEquals(200, login(name, "a-long-enough-password").status());

        Http.Reply again = register(name, "other-" + name + "@example.test", "a-long-enough-password");
        assertEquals(again.body(), 409, again.status());
        Http.Reply weak = register(unique("weak"), unique("weak") + "@example.test", "short");
        assertEquals(422, weak.status());
        assertTrue(weak.body(), weak.json().path("error").path("details").has("password"));
        // no mass assignment: a registrant cannot pick roles
        Http.Reply roles = http.post("/api/v1/auth/register", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + unique("mass") + "\",\"email\":\"m@example.test\",\"password\":\"a-long-enough-password\","
                        + "\"roles\":[\"admin\"]}"));
        assertEquals(roles.body(), 422, roles.status());
    }

    @Test
    public void forgottenPasswordIsResetThroughAnEmailedSingleUseLink() throws Exception {
        String name = unique("forgot");
        String email = name + "@example.test";
        assertEquals(201, register(name, email, "the-first-password-1").status());
        String oldAccess = login(name, "the-first-password-1").json().path("data").path("access_token").asText();

        Http.Reply unknown = forgot("nobody-" + name + "@example.test");
        Http.Reply known = forgot(email.toUpperCase());
        assertEquals(200, unknown.status());
        assertEquals(200, known.status());
        assertEquals("no account enumeration", unknown.json().path("data"), known.json().path("data"));
        List<String> mails = outbox(email, 1); // queued in the background, after the unknown address's request
        assertEquals(0, outbox("nobody-" + name + "@example.test", 0).size());
        assertEquals(1, mails.size());
        String token = tokenIn(mails.get(0));

        Http.Reply mismatch = reset(token, "the-second-password-2", "something-else-entirely");
        assertEquals(422, mismatch.status());
        assertTrue(mismatch.body(), mismatch.json().path("error").path("details").has("password_confirmation"));
        Http.Reply same = reset(token, "the-first-password-1", "the-first-password-1");
        assertEquals("the current password is in the history", 422, same.status());

        Http.Reply done = reset(token, "the-second-password-2", "the-second-password-2");
        assertEquals(done.body(), 200, done.status());
        assertEquals("sessions end with a reset", 401, http.get("/api/v1/auth/me", "Authorization", "Bearer " + oldAccess).status());
        assertEquals(401, login(name, "the-first-password-1").status());
        assertEquals(200, login(name, "the-second-password-2").status());
        Http.Reply reused = reset(token, "the-third-password-3", "the-third-password-3");
        assertEquals("a link works once", 422, reused.status());
        assertTrue(reused.body(), reused.json().path("error").path("details").has("token"));

        // history 2: the password before the current one cannot come back, a new one can
        assertEquals(200, forgot(email).status());
        String second = tokenIn(outbox(email, 2).get(1));
        Http.Reply back = reset(second, "the-first-password-1", "the-first-password-1");
        assertEquals(back.body(), 422, back.status());
        assertTrue(back.body(), back.json().path("error").path("details").path("password").toString().contains("last 2"));
        assertEquals(200, reset(second, "the-third-password-3", "the-third-password-3").status());
        assertEquals(422, reset("made-up-token", "the-fourth-password-4", "the-fourth-password-4").status());
    }

    @Test
    public void browserSessionsUseAnHttpOnlyCookieAndACsrfToken() throws Exception {
        String name = unique("browser");
        assertEquals(201, register(name, name + "@example.test", "a-long-enough-password").status());
        Http.Reply opened = http.post("/api/v1/auth/session", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"a-long-enough-password\"}"));
        assertEquals(opened.body(), 200, opened.status());
        String csrf = opened.json().path("data").path("csrf_token").asText();
        assertFalse(csrf.isEmpty());
        assertTrue("no bearer tokens for the browser", opened.json().path("data").path("access_token").isMissingNode());
        String sessionCookie = setCookie(opened, "PERGOLA_SESSION");
        assertTrue(sessionCookie, sessionCookie.contains("HttpOnly"));
        assertTrue(sessionCookie, sessionCookie.contains("SameSite=Strict"));
        assertTrue(setCookie(opened, "PERGOLA_CSRF").contains("PERGOLA_CSRF=" + csrf));
        assertFalse(setCookie(opened, "PERGOLA_CSRF").contains("HttpOnly"));
        String cookie = sessionCookie.substring(0, sessionCookie.indexOf(';'));

        Http.Reply noToken = http.get("/api/v1/auth/me", "Cookie", cookie);
        assertEquals(noToken.body(), 403, noToken.status());
        assertEquals("CSRF_TOKEN_INVALID", noToken.json().path("error").path("code").asText());
        assertEquals(403, http.get("/api/v1/auth/me", "Cookie", cookie, "X-CSRF-Token", csrf + "x").status());
        Http.Reply me = http.get("/api/v1/auth/me", "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(me.body(), 200, me.status());
        assertEquals(name, me.json().path("data").path("username").asText());
        // the cookie secret is not a refresh token
        String secret = cookie.substring(cookie.indexOf('=') + 1);
        assertEquals(401, http.post("/api/v1/auth/refresh", "application/json",
                BodyPublishers.ofString("{\"refresh_token\":\"" + secret + "\"}")).status());

        Http.Reply out = http.post("/api/v1/auth/logout", "application/json", BodyPublishers.ofString(""),
                "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(out.body(), 204, out.status());
        assertTrue(setCookie(out, "PERGOLA_SESSION").contains("Max-Age=0"));
        Http.Reply after = http.get("/api/v1/auth/me", "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(401, after.status());
        assertEquals("AUTHENTICATION_REQUIRED", after.json().path("error").path("code").asText());
    }

    @Test
    public void signingKeysRotateWithoutLoggingAnyoneOut() throws Exception {
        String before = Admin.login(http);
        String name = unique("rot");
        assertEquals(201, register(name, name + "@example.test", "a-long-enough-password").status());
        String userToken = login(name, "a-long-enough-password").json().path("data").path("access_token").asText();
        assertEquals(403, http.post("/api/v1/auth/signing-keys/rotate", "application/json", BodyPublishers.ofString(""),
                "Authorization", "Bearer " + userToken).status());

        Http.Reply rotated = http.post("/api/v1/auth/signing-keys/rotate", "application/json", BodyPublishers.ofString(""),
                "Authorization", "Bearer " + before);
        assertEquals(rotated.body(), 200, rotated.status());
        String kid = rotated.json().path("data").path("kid").asText();
        assertEquals("tokens signed before stay valid", 200,
                http.get("/api/v1/auth/me", "Authorization", "Bearer " + before).status());
        String after = Admin.login(http);
        assertEquals(kid, kidOf(after));
        assertNotEquals(kidOf(before), kidOf(after));
        String jwks = http.get("/api/v1/auth/jwks").body();
        assertTrue(jwks, jwks.contains(kidOf(before)) && jwks.contains(kid));
    }

    private Http.Reply register(String username, String email, String password) {
        return http.post("/api/v1/auth/register", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
    }

    private Http.Reply login(String username, String password) {
        return http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    }

    private Http.Reply forgot(String email) {
        return http.post("/api/v1/auth/forgot-password", "application/json",
                BodyPublishers.ofString("{\"email\":\"" + email + "\"}"));
    }

    private Http.Reply reset(String token, String password, String confirmation) {
        return http.post("/api/v1/auth/reset-password", "application/json", BodyPublishers.ofString("{\"token\":\"" + token
                + "\",\"password\":\"" + password + "\",\"password_confirmation\":\"" + confirmation + "\"}"));
    }

    /**
     * Text bodies of the queued mails to this address, oldest first, once at least {@code count} are there.
     * Bodies are sealed in the table: they are opened with the platform's SecretBox ({@link SealedData}).
     */
    private List<String> outbox(String email, int count) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (SealedData.Mail mail : SealedData.awaitOutbox(dataSource, secretBox, email, count)) {
            assertEquals("auth.password-reset", mail.category());
            assertEquals("pending", mail.status()); // no SMTP host in this IT: it waits
            assertFalse("the link is not stored in clear", mail.storedText().contains("reset-password?token="));
            bodies.add(mail.text());
        }
        return bodies;
    }

    private static String tokenIn(String mail) {
        Matcher m = RESET_LINK.matcher(mail);
        assertTrue(mail, m.find());
        return m.group(1);
    }

    private static String setCookie(Http.Reply reply, String name) {
        List<String> cookies = reply.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).toList();
        String found = cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        assertNotNull("Set-Cookie " + name + " in " + cookies, found);
        return found;
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        Matcher m = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        assertTrue(header, m.find());
        return m.group(1);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
