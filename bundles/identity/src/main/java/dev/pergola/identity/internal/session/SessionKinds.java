package dev.pergola.identity.internal.session;

/** The two kinds of login session. */
public final class SessionKinds {
    /** Bearer access token plus a rotating refresh token. */
    public static final String TOKEN = "token";
    /** Browser: HttpOnly cookie plus a CSRF token. */
    public static final String COOKIE = "cookie";

    private SessionKinds() {
    }
}
