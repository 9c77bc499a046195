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
    /**
     * Request property the platform's authorization filter sets once it has checked a request against the
     * resource method's security annotations. The REST base refuses every request without it (fail closed):
     * while authorization is missing nothing but liveness is served.
     */
    public static final String AUTHORIZED_PROPERTY = "dev.pergola.authorized";

    private PergolaApplication() {
    }
}
