package dev.pergola.mail.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;

import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

public class SealedBodiesTest {
    /** A minimal AES-GCM box (the platform's lives in the persistence bundle). */
    private static final SecretBox BOX = new SecretBox() {
        private final SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");

        @Override
        public byte[] seal(byte[] plaintext, byte[] ad) {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                c.updateAAD(ad);
                byte[] body = c.doFinal(plaintext);
                byte[] out = Arrays.copyOf(nonce, 12 + body.length);
                System.arraycopy(body, 0, out, 12, body.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] open(byte[] sealed, byte[] ad) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
                c.updateAAD(ad);
                return c.doFinal(sealed, 12, sealed.length - 12);
            } catch (GeneralSecurityException e) {
                throw new SecretBoxException("refused", e);
            }
        }
    };

    private final SealedBodies bodies = new SealedBodies(BOX);

    @Test
    public void aResetLinkIsNotInTheStoredBodyAndComesBackForTheSender() {
        String text = "Open https://pergola.example/admin/reset-password?token=abc123 within 60 minutes";
        String stored = bodies.seal("m1", SealedBodies.Part.TEXT, text);
        assertTrue(stored, SecretBox.isSealed(stored));
        assertFalse(stored, stored.contains("token=abc123"));
        assertEquals(text, bodies.open("m1", SealedBodies.Part.TEXT, stored));
    }

    @Test
    public void aBodyMovedToAnotherMessageOrPartDoesNotOpen() {
        String stored = bodies.seal("m1", SealedBodies.Part.TEXT, "secret");
        assertThrows(SecretBoxException.class, () -> bodies.open("m2", SealedBodies.Part.TEXT, stored));
        assertThrows(SecretBoxException.class, () -> bodies.open("m1", SealedBodies.Part.HTML, stored));
    }

    @Test
    public void noHtmlStaysNoHtmlAndBodiesFromBeforeSealingReadAsTheyAre() {
        assertNull(bodies.seal("m1", SealedBodies.Part.HTML, null));
        assertNull(bodies.open("m1", SealedBodies.Part.HTML, null));
        assertEquals("old clear body", bodies.open("m1", SealedBodies.Part.TEXT, "old clear body"));
    }
}
