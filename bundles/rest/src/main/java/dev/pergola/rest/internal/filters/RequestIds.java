package dev.pergola.rest.internal.filters;

import java.util.UUID;
import java.util.regex.Pattern;

import javax.ws.rs.container.ContainerRequestContext;

/** Where the request id of the current request lives, and how a client-sent one is vetted. */
public final class RequestIds {
    static final String PROPERTY = "pergola.request_id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The client's id when it is safe to echo (no header injection, bounded length), else a new one. */
    static String choose(String sent) {
        return sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    public static String of(ContainerRequestContext request) {
        Object id = request == null ? null : request.getProperty(PROPERTY);
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }
}
