package dev.pergola.identity.internal.rest;

import java.util.Locale;

import javax.servlet.http.HttpServletRequest;

/**
 * The language a request prefers for mails it causes: the first of its {@code Accept-Language}, or null without the
 * header (the servlet container would answer its own default locale instead, which says nothing about the caller).
 */
final class RequestLocale {
    private RequestLocale() {
    }

    static Locale of(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return null;
        }
        Locale preferred = request.getLocale();
        return preferred == null || preferred.getLanguage().isEmpty() || "*".equals(preferred.getLanguage()) ? null
                : preferred;
    }
}
