package dev.pergola.identity.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The CSRF token of a browser session is derived from its cookie secret, so it needs no storage, cannot be
 * planted by another site, and changes with every login. The web UI reads it from the (script-readable)
 * {@code PERGOLA_CSRF} cookie or the login response and sends it back as {@code X-CSRF-Token}.
 */
public final class CsrfTokens {
    private CsrfTokens() {
    }

    public static String forSecret(String cookieSecret) {
        return OpaqueTokens.hash("csrf:" + cookieSecret);
    }

    /** Constant-time comparison of the presented token with the session's. */
    public static boolean matches(String cookieSecret, String presented) {
        if (cookieSecret == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(forSecret(cookieSecret).getBytes(StandardCharsets.US_ASCII),
                presented.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
