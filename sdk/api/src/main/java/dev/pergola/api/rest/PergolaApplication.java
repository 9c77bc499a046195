package dev.pergola.api.rest;

/**
 * The platform's JAX-RS whiteboard application, mounted at {@code /api}. A resource joins it with
 * {@code @JaxrsApplicationSelect(PergolaApplication.SELECT)} and gets the JSON provider, the error
 * envelope, request ids, authentication and authorization.
 */
public final class PergolaApplication {
    /** Value of {@code osgi.jaxrs.name} of the application. */
    public static final String NAME = "pergola";
    /** Filter for {@code osgi.jaxrs.application.select}. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    /** Where the application is mounted. */
    public static final String BASE = "/api";
    /** Header carrying the request id, echoed when the client sent one. */
    public static final String REQUEST_ID_HEADER = "X-Request-ID";

    private PergolaApplication() {
    }
}
