package dev.pergola.webhooks.internal.delivery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

/** The signature a receiver checks, against a value computed independently with openssl. */
public class SignaturesTest {
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    public void matchesOpensslOverTimestampDotBody() {
        // printf '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test_secret_123
        assertEquals("sha256=2913be30e714a8791de4f166b314c398b914044f71410603a5ed28bed784f4d4",
                Signatures.sign("whsec_test_secret_123", 1700000000L, BODY));
    }

    @Test
    public void anotherTimestampOrSecretGivesAnotherSignature() {
        String signed = Signatures.sign("whsec_test_secret_123", 1700000000L, BODY);
        assertNotEquals(signed, Signatures.sign("whsec_test_secret_123", 1700000001L, BODY));
        assertNotEquals(signed, Signatures.sign("whsec_test_secret_124", 1700000000L, BODY));
    }
}
