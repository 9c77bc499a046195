package dev.pergola.rest.internal.filters;

import java.util.UUID;
import java.util.regex.Pattern;

import javax.ws.rs.core.HttpHeaders;

import dev.pergola.api.rest.PergolaApplication;

/**
 * Where the request id of the current request lives: the request filter vets the client's
 * {@code X-Request-ID} and replaces it (in the request headers) with a fresh id when it is missing or unsafe,
 * so every provider can read it through the standard {@code @Context HttpHeaders}.
 */
public final class RequestIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The client's id when it is safe to echo (no header injection, bounded length), else a new one. */
    public static String choose(String sent) {
        return sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    public static String of(HttpHeaders headers) {
        String id = headers == null ? null : headers.getHeaderString(PergolaApplication.REQUEST_ID_HEADER);
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
