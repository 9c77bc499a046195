package dev.pergola.sample.hello;

import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code GET /api/v1/hello}: the configured greeting and the plugin's own version. Selecting the platform
 * application gives it Pergola's JSON, error envelope and authorization; {@code @RolesAllowed} names the
 * permission this plugin declares in its manifest.
 */
@Component(service = HelloResource.class, configurationPid = "dev.pergola.sample.hello")
@Designate(ocd = HelloConfig.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=pergola)")
@JSONRequired
@Path("v1/hello")
@Produces(MediaType.APPLICATION_JSON)
public class HelloResource {
    private final String greeting;
    private final String version;

    @Activate
    public HelloResource(BundleContext context, HelloConfig config) {
        this.greeting = config.greeting();
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    @RolesAllowed("hello.greet")
    public Map<String, Object> hello() {
        return Map.of("data", Map.of("message", greeting, "version", version));
    }
}
