package dev.pergola.backup.internal.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests and their lower-case hex form. */
final class Hex {

    private Hex() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    static String of(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
