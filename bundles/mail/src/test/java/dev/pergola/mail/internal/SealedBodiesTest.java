package dev.pergola.mail.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

public class SealedBodiesTest {
    private static final SecretBox BOX = new TestBox();

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
