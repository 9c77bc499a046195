package dev.pergola.itests;

import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * A resource a plugin could contribute, registered by the test through the whiteboard: it gets the
 * platform's JSON provider and error envelope without doing anything for them.
 */
@Path("itest")
public class EchoResource {
    /** Registers the resource in the platform application once the platform is healthy; returns when it is served. */
    static org.osgi.framework.ServiceRegistration<EchoResource> register(org.osgi.framework.BundleContext context, Http http) {
        org.junit.Assert.assertEquals(200, http.await("/api/health", java.time.Duration.ofSeconds(60)).status());
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("osgi.jaxrs.resource", true);
        props.put("osgi.jaxrs.application.select", "(osgi.jaxrs.name=pergola)");
        org.osgi.framework.ServiceRegistration<EchoResource> registration =
                context.registerService(EchoResource.class, new EchoResource(), props);
        long deadline = System.currentTimeMillis() + 10_000;
        while (http.get("/api/itest/boom").status() == 404 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        return registration;
    }

    public static class Payload {
        public String name;
        public int count;
    }

    @POST
    @PermitAll
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> echo(Payload payload) {
        return Map.of("data", Map.of("name", payload.name, "count", payload.count));
    }

    @GET
    @PermitAll
    @Path("boom")
    @Produces(MediaType.APPLICATION_JSON)
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    /** Declares nothing: any authenticated caller. */
    @GET
    @Path("mine")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mine(@javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        return Map.of("data", Map.of("user", security.getUserPrincipal().getName()));
    }

    @GET
    @Path("secret")
    @RolesAllowed("itest.secret.view")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> secret() {
        return Map.of("data", "the secret");
    }
}
