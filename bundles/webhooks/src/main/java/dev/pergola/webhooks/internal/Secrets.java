package dev.pergola.webhooks.internal;

import java.security.SecureRandom;
import java.util.Base64;

import dev.pergola.api.security.SecretBox;

/**
 * Signing secrets: generated ones are {@code whsec_} + 32 random bytes; stored ones are sealed with the platform's
 * {@link SecretBox}, bound to the subscription's id (a sealed secret copied onto another row does not open).
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The associated data of a subscription's sealed secret. */
    public static String context(String webhookId) {
        return "pergola.webhooks.secret:" + webhookId;
    }

    public static String seal(SecretBox box, String webhookId, String secret) {
        return box.sealText(secret, context(webhookId));
    }

    public static String open(SecretBox box, String webhookId, String sealed) {
        return box.openText(sealed, context(webhookId));
    }
}
