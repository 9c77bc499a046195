package dev.pergola.rest.internal;

import dev.pergola.api.rest.PergolaApplication;

/** Application filters for the platform's extensions. */
public final class RestApplications {
    /**
     * The platform application and the whiteboard's default one at {@code /}: unknown routes anywhere
     * on the server still answer with the JSON error envelope, never an empty 500 or an HTML page.
     */
    public static final String PLATFORM_AND_DEFAULT =
            "(|" + PergolaApplication.SELECT + "(osgi.jaxrs.name=.default))";

    private RestApplications() {
    }
}
