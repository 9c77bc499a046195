package dev.pergola.webhooks.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Pergola-Signature}: {@code sha256=} + hex HMAC-SHA256 of {@code "<timestamp>.<raw body>"} keyed by the
 * subscription's secret (its UTF-8 bytes). The timestamp inside the signed text lets a receiver refuse replays.
 */
public final class Signatures {
    public static final String PREFIX = "sha256=";

    private Signatures() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
