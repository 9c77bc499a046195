package dev.pergola.identity.internal.rest;

import dev.pergola.identity.internal.session.CsrfTokens;

/**
 * The cookies of a browser session (the admin web UI). {@value #SESSION_COOKIE} carries the session secret,
 * HttpOnly so scripts never see it; {@value #CSRF_COOKIE} carries the derived CSRF token, readable by our own
 * scripts (SameSite=Strict keeps other sites from sending or reading either), which send it back as
 * {@value #CSRF_HEADER}. Both are Secure when the request came over TLS.
 */
final class BrowserSession {
    static final String SESSION_COOKIE = "PERGOLA_SESSION";
    static final String CSRF_COOKIE = "PERGOLA_CSRF";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SCHEME = "Cookie";

    private BrowserSession() {
    }

    static String[] open(String secret, boolean secure) {
        return new String[] {cookie(SESSION_COOKIE, secret, true, secure, false),
            cookie(CSRF_COOKIE, CsrfTokens.forSecret(secret), false, secure, false)};
    }

    static String[] clear(boolean secure) {
        return new String[] {cookie(SESSION_COOKIE, "", true, secure, true), cookie(CSRF_COOKIE, "", false, secure, true)};
    }

    private static String cookie(String name, String value, boolean httpOnly, boolean secure, boolean expire) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=/; SameSite=Strict");
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (secure) {
            b.append("; Secure");
        }
        if (expire) {
            b.append("; Max-Age=0");
        }
        return b.toString();
    }
}
