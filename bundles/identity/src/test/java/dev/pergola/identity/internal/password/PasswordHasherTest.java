package dev.pergola.identity.internal.password;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {
    private final PasswordHasher hasher = PasswordHasher.owaspMinimum();

    @Test
    public void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash, hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertTrue(hasher.verify("correct horse battery staple", hash));
        assertFalse(hasher.verify("correct horse battery stapler", hash));
    }

    @Test
    public void saltsEveryHash() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    public void malformedStoredHashesNeverMatch() {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", "plain"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=abc$$"));
        assertFalse(hasher.verify("x", "$2a$10$bcryptlookingstring"));
    }

    @Test
    public void oldCheaperHashesStillVerifyButAskForRehash() {
        String cheap = new PasswordHasher(19 * 1024, 2, 1).hash("pw-123456789");
        PasswordHasher stronger = new PasswordHasher(32 * 1024, 3, 1);
        assertTrue(stronger.verify("pw-123456789", cheap));
        assertTrue(stronger.needsRehash(cheap));
        assertFalse(stronger.needsRehash(stronger.hash("pw-123456789")));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesParametersBelowTheOwaspMinimum() {
        new PasswordHasher(4096, 1, 1);
    }
}
