package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A resource that forgets to select the platform application lands in the whiteboard's default application,
 * without authentication: it must never be served, wherever one looks for it. (A boot of its own: the
 * whiteboard's default application does not take such a resource without disturbing the others.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ForgottenSelectIT {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Path("forgotten")
    public static class Forgotten {
        @GET
        @PermitAll
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Object> leak() {
            return Map.of("data", "served without authentication");
        }
    }

    @Test
    public void aResourceOutsideThePlatformApplicationIsNeverServed() throws Exception {
        Http http = new Http(Integer.getInteger(PergolaExam.HTTP_PORT));
        assertEquals(200, http.await("/api/health", Duration.ofSeconds(60)).status());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.jaxrs.resource", true);
        ServiceRegistration<Forgotten> registration = context.registerService(Forgotten.class, new Forgotten(), props);
        try {
            Thread.sleep(1_000); // let the whiteboard pick it up
            for (String path : List.of("/forgotten", "/api/forgotten", "/.jaxrs-default/forgotten")) {
                Http.Reply reply = http.get(path);
                assertTrue(path + " -> " + reply.status() + " " + reply.body(), reply.status() >= 400);
                assertFalse(path + " -> " + reply.body(), reply.body().contains("served without authentication"));
            }
            Http.Reply outside = http.get("/.jaxrs-default/forgotten");
            assertEquals("the default application's path is never served", 404, outside.status());
            assertTrue(outside.body(), outside.body().contains("\"RESOURCE_NOT_FOUND\""));
        } finally {
            registration.unregister();
        }
    }
}
