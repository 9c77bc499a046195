package dev.pergola.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.audit.Outcome;

public class AuditJsonTest {
    private final AuditJson json = new AuditJson();

    record Account(String userName, String passwordHash, Instant createdAt, Outcome lastOutcome, boolean hasPassword,
            List<Key> apiKeys) {
    }

    record Key(String keyId, String name, String secretKey, String token) {
    }

    @Test
    public void recordsAreSnakeCaseWithIsoInstantsAndSecretsRedactedAtAnyDepth() {
        Account account = new Account("alice", "$argon2id$...", Instant.parse("2026-01-02T03:04:05.678Z"),
                Outcome.DENIED, true, List.of(new Key("k1", "ci", "sk_live_1", "tok")));
        assertEquals("{\"user_name\":\"alice\",\"password_hash\":\"[redacted]\",\"created_at\":\"2026-01-02T03:04:05.678Z\","
                + "\"last_outcome\":\"denied\",\"has_password\":true,\"api_keys\":[{\"key_id\":\"k1\",\"name\":\"ci\","
                + "\"secret_key\":\"[redacted]\",\"token\":\"[redacted]\"}]}", json.write(account));
    }

    @Test
    public void mapKeysAreRedactedWhateverTheirSpelling() {
        String written = json.write(Map.of("outer", Map.of("newPassword", "p1", "Client-Secret", "s2",
                "list", List.of(Map.of("private_key", "pk", "ok", "visible"))), "authorization", "Bearer x"));
        for (String secret : List.of("p1", "s2", "pk", "Bearer x")) {
            assertFalse(secret + " leaked: " + written, written.contains(secret));
        }
        assertTrue(written.contains("visible"));
    }

    @Test
    public void namesThatAreNotSecretsStay() {
        for (String name : List.of("username", "email", "key_id", "key_prefix", "footprint", "monkeys_count",
                "description", "roles")) {
            assertFalse(name, AuditJson.isSecretName(name));
        }
        for (String name : List.of("password", "secret", "token", "refresh_token", "api_key", "key", "hash",
                "credentials", "privateKey", "otp", "pin", "signing_keys")) {
            assertTrue(name, AuditJson.isSecretName(name));
        }
    }

    @Test
    public void nullIsNullAndJsonReadsBack() {
        assertEquals(null, json.write(null));
        assertEquals(Map.of("a", 1, "b", List.of("x")), json.read(json.write(Map.of("a", 1, "b", List.of("x")))));
    }
}
