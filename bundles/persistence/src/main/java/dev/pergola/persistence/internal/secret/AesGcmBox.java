package dev.pergola.persistence.internal.secret;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.pergola.api.security.SecretBox;
import dev.pergola.api.security.SecretBoxException;

/**
 * AES-256-GCM over one 32-byte key. Layout of a sealed value: version (1 byte), key id (4 bytes: the start of
 * a SHA-256 of the key, so a value sealed by another installation's key is named as such), nonce (12 random
 * bytes), ciphertext with its 16-byte tag.
 */
final class AesGcmBox implements SecretBox {
    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + KEY_ID_BYTES + NONCE_BYTES;

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random = new SecureRandom();

    AesGcmBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A data-protection key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    /** Hex of the key id, for log lines that must tell keys apart without showing them. */
    String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] body = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER + body.length).put(VERSION).put(keyId).put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new SecretBoxException("Not a sealed value of a known version");
        }
        byte[] sealedKeyId = Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES);
        if (!MessageDigest.isEqual(sealedKeyId, keyId)) {
            throw new SecretBoxException("The value was sealed with another data-protection key (id "
                    + HexFormat.of().formatHex(sealedKeyId) + "; this installation's is " + keyIdHex()
                    + "): every node sharing this database needs the same key file");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1 + KEY_ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("The sealed value was altered or belongs to another record", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("pergola-secret-box-key-id".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(key), KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
