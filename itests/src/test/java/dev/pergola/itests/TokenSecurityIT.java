package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.pergola.api.security.SecretBox;

/**
 * Tokens and secrets from the attacker's side (issue 8, findings 3, 11 and 13): a token naming the admin
 * with the attacker's own session, the malleable high-s twin of a valid signature, signing keys and reset
 * links read from the database, a JWKS that grows forever, rows never purged, forgot-password timing, and
 * the data folder's permissions. The clean-up runs every 2 s here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TokenSecurityIT {
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
                editConfigurationFilePut("etc/dev.pergola.identity.purge.cfg", "interval.seconds", "2"));
    }

    @Before
    public void setUp() {
        http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        http.await("/api/health/ready", Duration.ofSeconds(60));
    }

    @Test
    public void aTokenNamingTheAdminWithTheAttackersOwnSessionIsRefused() throws Exception {
        String attacker = unique("mallory");
        String attackerToken = registerAndLogin(attacker);
        String attackerSession = SignedJWT.parse(attackerToken).getJWTClaimsSet().getStringClaim("sid");
        String attackerId = me(attackerToken).path("id").asText();
        String adminId = me(Admin.login(http)).path("id").asText();
        // the worst case: the signing key itself leaked (here opened in-JVM; the database alone no longer gives it)
        ECKey key = SealedData.currentSigningKey(dataSource, secretBox);

        String control = mint(key, attackerId, attackerSession, Instant.now().plusSeconds(300));
        assertEquals("a well-formed token of the attacker's own session works", 200,
                http.get("/api/v1/auth/me", "Authorization", "Bearer " + control).status());
        Http.Reply forged = http.get("/api/v1/auth/me", "Authorization",
                "Bearer " + mint(key, adminId, attackerSession, Instant.now().plusSeconds(300)));
        assertEquals(forged.body(), 401, forged.status());
        assertEquals("INVALID_TOKEN", forged.json().path("error").path("code").asText());
        assertEquals(401, http.get("/api/v1/status", "Authorization",
                "Bearer " + mint(key, adminId, attackerSession, Instant.now().plusSeconds(300))).status());
    }

    @Test
    public void signingKeysAndResetLinksAreNotInTheDatabaseInClear() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kid, jwk FROM pergola_signing_keys"); ResultSet rs = s.executeQuery()) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                String stored = rs.getString(2);
                assertTrue(stored, SecretBox.isSealed(stored));
                assertFalse(stored, stored.contains("\"d\"") || stored.contains("\"kty\""));
            }
            assertTrue(rows > 0);
        }
        String name = unique("forgot");
        registerAndLogin(name);
        assertEquals(200, forgot(name + "@example.test").status());
        SealedData.Mail mail = SealedData.awaitOutbox(dataSource, secretBox, name + "@example.test", 1).get(0);
        assertTrue(mail.text(), mail.text().contains("/admin/reset-password?token="));
        assertFalse(mail.storedText(), mail.storedText().contains("token="));
        String token = mail.text().replaceAll("(?s).*reset-password\\?token=([A-Za-z0-9_-]+).*", "$1");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT token_hash FROM pergola_password_resets"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                assertFalse("only the SHA-256 of a reset token is stored", rs.getString(1).contains(token));
            }
        }
    }

    @Test
    public void theHighSTwinOfAValidTokenIsRefused() throws Exception {
        String token = Admin.login(http);
        byte[] signature = SignedJWT.parse(token).getSignature().decode();
        assertFalse("the platform signs low-s only", SealedData.isHighS(signature));
        assertEquals(200, http.get("/api/v1/auth/me", "Authorization", "Bearer " + token).status());
        String twin = token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode(SealedData.twin(signature));
        Http.Reply reply = http.get("/api/v1/auth/me", "Authorization", "Bearer " + twin);
        assertEquals(reply.body(), 401, reply.status());
        assertEquals("INVALID_TOKEN", reply.json().path("error").path("code").asText());
    }

    @Test
    public void theJwksPublishesOnlyKeysALiveTokenCanCarryAndOldKeysArePurged() throws Exception {
        String admin = Admin.login(http);
        // a key retired two hours ago: no token it signed (15-minute lifetime) can still be alive
        ECKey old = new ECKeyGenerator(Curve.P_256).keyID("old-" + UUID.randomUUID()).generate();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO pergola_signing_keys (kid, jwk, created_at, retired_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, old.getKeyID());
            s.setString(2, secretBox.sealText(old.toJSONString(), "pergola.signing-key:" + old.getKeyID()));
            s.setTimestamp(3, Timestamp.from(twoHoursAgo.minus(Duration.ofDays(1))));
            s.setTimestamp(4, Timestamp.from(twoHoursAgo));
            s.executeUpdate();
        }
        Set<String> rotated = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Http.Reply r = http.post("/api/v1/auth/signing-keys/rotate", "application/json", BodyPublishers.ofString(""),
                    "Authorization", "Bearer " + admin);
            assertEquals(r.body(), 200, r.status());
            rotated.add(r.json().path("data").path("kid").asText());
        }
        Set<String> published = jwksKids();
        assertTrue(published + " ⊇ " + rotated, published.containsAll(rotated));
        assertFalse("a key retired beyond the token lifetime is not published", published.contains(old.getKeyID()));
        assertEquals("the key in use before the rotations plus the three new ones: " + published, 4, published.size());
        assertEquals("tokens signed before the rotations still work", 200,
                http.get("/api/v1/auth/me", "Authorization", "Bearer " + admin).status());
        awaitGone("SELECT COUNT(*) FROM pergola_signing_keys WHERE kid = ?", old.getKeyID());
    }

    @Test
    public void expiredSessionsSpentRefreshTokensAndSpentResetLinksArePurged() throws Exception {
        String name = unique("purge");
        String token = registerAndLogin(name);
        String userId = me(token).path("id").asText();
        String expiredSession = UUID.randomUUID().toString();
        String endedSession = UUID.randomUUID().toString();
        String resetHash = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            insertSession(c, expiredSession, userId, now.minus(Duration.ofDays(60)), null);
            insertSession(c, endedSession, userId, now.plus(Duration.ofDays(10)), now.minusSeconds(60));
            insertSpent(c, expiredSession);
            insertSpent(c, endedSession);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_password_resets"
                    + " (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, resetHash);
                s.setString(2, userId);
                s.setTimestamp(3, Timestamp.from(now.minusSeconds(120)));
                s.setTimestamp(4, Timestamp.from(now.plusSeconds(3000)));
                s.setTimestamp(5, Timestamp.from(now.minusSeconds(60)));
                s.executeUpdate();
            }
        }
        awaitGone("SELECT COUNT(*) FROM pergola_sessions WHERE id = ?", expiredSession);
        awaitGone("SELECT COUNT(*) FROM pergola_spent_refresh_tokens WHERE session_id = ?", endedSession);
        awaitGone("SELECT COUNT(*) FROM pergola_password_resets WHERE token_hash = ?", resetHash);
        assertEquals("a recently ended session stays in the login history", 1,
                count("SELECT COUNT(*) FROM pergola_sessions WHERE id = ?", endedSession));
        assertEquals("the live session is untouched", 200,
                http.get("/api/v1/auth/me", "Authorization", "Bearer " + token).status());
    }

    /**
     * Both answers go through the same code path (the lookup happens after the answer, on a background
     * thread): over many alternating calls, the medians stay within a factor of two of each other.
     */
    @Test
    public void forgotPasswordTakesTheSameTimeWhetherOrNotTheAddressExists() throws Exception {
        String name = unique("timing");
        registerAndLogin(name);
        String known = name + "@example.test";
        String unknown = "nobody-" + name + "@example.test";
        for (int i = 0; i < 5; i++) {
            forgot(known);
            forgot(unknown);
        }
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            knownTimes.add(timed(known));
            unknownTimes.add(timed(unknown));
        }
        double ratio = (double) median(knownTimes) / median(unknownTimes);
        System.out.printf("forgot-password median: known %.2f ms, unknown %.2f ms, ratio %.2f (30 alternating pairs)%n",
                median(knownTimes) / 1e6, median(unknownTimes) / 1e6, ratio);
        assertTrue("median known/unknown = " + ratio + " (" + knownTimes + " vs " + unknownTimes + ")",
                ratio > 0.5 && ratio < 2.0);
        SealedData.awaitOutbox(dataSource, secretBox, known, 35);
        assertEquals(0, SealedData.outbox(dataSource, secretBox, unknown).size());
    }

    @Test
    public void theDataFolderIsForItsOwnerOnly() throws Exception {
        Path data = Paths.get(System.getProperty("karaf.data"));
        assertEquals("rwx------", perms(data));
        assertEquals("rwx------", perms(data.resolve("db")));
        assertEquals("rw-------", perms(data.resolve("db").resolve("pergola.mv.db")));
        assertEquals("rwx------", perms(data.resolve("security")));
        assertEquals("rw-------", perms(data.resolve("security").resolve("data-protection.key")));
    }

    private String mint(ECKey key, String subject, String sessionId, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("pergola").subject(subject).claim("sid", sessionId)
                .jwtID(UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        String serialized = jwt.serialize();
        return serialized.substring(0, serialized.lastIndexOf('.') + 1)
                + Base64URL.encode(SealedData.lowS(jwt.getSignature().decode()));
    }

    private String registerAndLogin(String name) {
        Http.Reply created = http.post("/api/v1/auth/register", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.test\",\"password\":\"a-long-enough-password\"}"));
        assertEquals(created.body(), 201, created.status());
        Http.Reply login = http.post("/api/v1/auth/login", "application/json", BodyPublishers.ofString(
                "{\"username\":\"" + name + "\",\"password\":\"a-long-enough-password\"}"));
        assertEquals(login.body(), 200, login.status());
        return login.json().path("data").path("access_token").asText();
    }

    private JsonNode me(String token) {
        Http.Reply me = http.get("/api/v1/auth/me", "Authorization", "Bearer " + token);
        assertEquals(me.body(), 200, me.status());
        return me.json().path("data");
    }

    private Http.Reply forgot(String email) {
        return http.post("/api/v1/auth/forgot-password", "application/json",
                BodyPublishers.ofString("{\"email\":\"" + email + "\"}"));
    }

    private long timed(String email) {
        long start = System.nanoTime();
        Http.Reply reply = forgot(email);
        long took = System.nanoTime() - start;
        assertEquals(reply.body(), 200, reply.status());
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private Set<String> jwksKids() {
        Set<String> kids = new HashSet<>();
        http.get("/api/v1/auth/jwks").json().path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        return kids;
    }

    private void insertSession(Connection c, String id, String userId, Instant expires, Instant ended) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_sessions (id, user_id, refresh_hash,"
                + " created_at, last_used_at, expires_at, ended_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, 'token')")) {
            Timestamp created = Timestamp.from(expires.minus(Duration.ofDays(30)));
            s.setString(1, id);
            s.setString(2, userId);
            s.setString(3, UUID.randomUUID().toString().replace("-", ""));
            s.setTimestamp(4, created);
            s.setTimestamp(5, created);
            s.setTimestamp(6, Timestamp.from(expires));
            s.setTimestamp(7, ended == null ? null : Timestamp.from(ended));
            s.executeUpdate();
        }
    }

    private void insertSpent(Connection c, String sessionId) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO pergola_spent_refresh_tokens (refresh_hash, session_id, spent_at) VALUES (?, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString().replace("-", ""));
            s.setString(2, sessionId);
            s.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(30)));
            s.executeUpdate();
        }
    }

    private int count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The clean-up runs every 2 s: waits up to 20 s for the row to go. */
    private void awaitGone(String countSql, String param) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(countSql, param) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still there after 20 s: " + countSql + " [" + param + "]");
            }
            Thread.sleep(200);
        }
    }

    private static String perms(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
