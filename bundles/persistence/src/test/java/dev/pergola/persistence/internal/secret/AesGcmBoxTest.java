package dev.pergola.persistence.internal.secret;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Test;

import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

public class AesGcmBoxTest {
    private final AesGcmBox box = new AesGcmBox(key(1));

    @Test
    public void sealedTextOpensWithTheSameAssociatedDataOnly() {
        String sealed = box.sealText("{\"d\":\"private\"}", "pergola.signing-key:k1");
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed, sealed.contains("private"));
        assertEquals("{\"d\":\"private\"}", box.openText(sealed, "pergola.signing-key:k1"));
        SecretBoxException moved = assertThrows(SecretBoxException.class,
                () -> box.openText(sealed, "pergola.signing-key:k2"));
        assertTrue(moved.getMessage(), moved.getMessage().contains("altered or belongs to another record"));
    }

    @Test
    public void sealingTwiceGivesDifferentOutputs() {
        assertNotEquals(box.sealText("same", "ad"), box.sealText("same", "ad"));
    }

    @Test
    public void anAlteredValueIsRefused() {
        byte[] sealed = box.seal("secret".getBytes(), "ad".getBytes());
        byte[] altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThrows(SecretBoxException.class, () -> box.open(altered, "ad".getBytes()));
        assertThrows(SecretBoxException.class, () -> box.open(Arrays.copyOf(sealed, 10), "ad".getBytes()));
        assertThrows(SecretBoxException.class, () -> box.openText("clear text from before", "ad"));
    }

    @Test
    public void anotherInstallationsKeyIsNamedAsSuch() {
        byte[] sealed = new AesGcmBox(key(2)).seal("secret".getBytes(), "ad".getBytes());
        SecretBoxException e = assertThrows(SecretBoxException.class, () -> box.open(sealed, "ad".getBytes()));
        assertTrue(e.getMessage(), e.getMessage().contains("another data-protection key"));
    }

    @Test
    public void aKeyIsThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcmBox(new byte[16]));
    }

    static byte[] key(int seed) {
        byte[] key = new byte[AesGcmBox.KEY_BYTES];
        Arrays.fill(key, (byte) seed);
        return key;
    }
}
