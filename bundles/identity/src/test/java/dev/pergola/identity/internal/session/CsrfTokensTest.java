package dev.pergola.identity.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class CsrfTokensTest {
    @Test
    public void theTokenBelongsToOneSecret() {
        String secret = OpaqueTokens.generate();
        String other = OpaqueTokens.generate();
        String token = CsrfTokens.forSecret(secret);
        assertEquals(token, CsrfTokens.forSecret(secret));
        assertNotEquals(token, CsrfTokens.forSecret(other));
        assertTrue(CsrfTokens.matches(secret, token));
        assertFalse(CsrfTokens.matches(other, token));
        assertFalse(CsrfTokens.matches(secret, null));
        assertFalse(CsrfTokens.matches(secret, ""));
        assertFalse("the token is not the secret's own hash", CsrfTokens.matches(secret, OpaqueTokens.hash(secret)));
    }
}
