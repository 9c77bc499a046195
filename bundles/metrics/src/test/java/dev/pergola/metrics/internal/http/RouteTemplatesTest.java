package dev.pergola.metrics.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.junit.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

public class RouteTemplatesTest {
    @Path("/v1/users/")
    static class Users {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("{id : [0-9a-f-]+}/roles/{role}")
        public String roles() {
            return "";
        }
    }

    private final RouteTemplates routes = new RouteTemplates("/api");

    @Test
    public void templatesJoinClassAndMethodPathsWithoutRegularExpressions() throws Exception {
        assertEquals("/api/v1/users", routes.of(Users.class, Users.class.getMethod("list")).endpoint());
        assertEquals("/api/v1/users/{id}/roles/{role}", routes.of(Users.class, Users.class.getMethod("roles")).endpoint());
        // outside a framework a class has no bundle: the platform's own
        assertEquals("core", routes.of(Users.class, Users.class.getMethod("list")).plugin());
        assertSame(routes.of(Users.class, Users.class.getMethod("list")), routes.of(Users.class, Users.class.getMethod("list")));
    }

    @Test
    public void unmatchedRequestsShareOneSeries() {
        assertEquals(RouteTemplates.UNMATCHED, routes.of(null, null).endpoint());
    }

    @Test
    public void metersCountPerStatusTimePerRouteAndBoundTheMethodTag() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouteMeters meters = new RouteMeters(registry);
        RouteTemplates.Route users = routes.of(Users.class, Users.class.getMethod("list"));
        meters.record("GET", users, 200, 2_000_000);
        meters.record("GET", users, 200, 4_000_000);
        meters.record("GET", users, 429, 1_000_000);
        meters.record("BREW", users, 405, 1_000_000);
        assertEquals(2, registry.get("pergola.requests").tags("status", "200", "endpoint", "/api/v1/users").counter()
                .count(), 0);
        assertEquals(3, registry.get("pergola.request.duration").tags("method", "GET").timer().count());
        assertEquals(1, registry.get("pergola.requests").tags("method", "OTHER").counter().count(), 0);
        assertEquals(1, registry.get("pergola.rate_limit.refusals").tags("endpoint", "/api/v1/users").counter()
                .count(), 0);
    }
}
