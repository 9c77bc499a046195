package dev.pergola.rest.internal.http;

import javax.servlet.http.HttpServletResponse;

import dev.pergola.api.rest.PergolaApplication;

/**
 * The security headers every response carries. The web console sets its own Content-Security-Policy (its pages
 * need inline scripts); the API's JSON needs none of what a page may load, Swagger UI only its own files.
 */
final class SecurityHeaders {
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response, boolean secure, String path) {
        response.setHeader(NOSNIFF_HEADER, NOSNIFF);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (secure) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (path == null || !path.startsWith("/system/console")) {
            boolean docs = path != null && path.startsWith(PergolaApplication.BASE + "/docs");
            response.setHeader("Content-Security-Policy", docs ? DOCS_CSP : API_CSP);
        }
        if (path != null && path.startsWith(PergolaApplication.BASE) && !path.startsWith(PergolaApplication.BASE + "/docs")) {
            // tokens, keys and personal data: nothing of the API belongs in a shared or browser cache
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
