package dev.pergola.mail.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

/** A minimal AES-GCM box for tests (the platform's lives in the persistence bundle). */
public final class TestBox implements SecretBox {
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
}
