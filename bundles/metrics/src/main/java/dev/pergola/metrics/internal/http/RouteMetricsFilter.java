package dev.pergola.metrics.internal.http;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.metrics.internal.MetricsConfig;
import dev.pergola.metrics.internal.registry.PlatformRegistry;

/**
 * Counts and times every request of the platform application per route. The clock starts before matching (first of
 * the pre-matching filters) so refusals by authentication, the rate limit or a 404 are measured too; it stops when
 * the response filters run, before the body is written. {@code http.enabled=false} turns it into two property reads.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, configurationPid = MetricsConfig.PID)
@JaxrsExtension
@JaxrsName("pergola.route-metrics")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class RouteMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = "dev.pergola.metrics.started";

    private final RouteMeters meters;
    private final RouteTemplates routes = new RouteTemplates(PergolaApplication.BASE);
    private volatile boolean enabled;

    @Context
    private ResourceInfo resource;

    @Activate
    public RouteMetricsFilter(@Reference PlatformRegistry platform, MetricsConfig config) {
        this.meters = new RouteMeters(platform.registry());
        configure(config);
    }

    @Modified
    void configure(MetricsConfig config) {
        enabled = config.http_enabled();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (enabled) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        RouteTemplates.Route route = resource == null ? routes.of(null, null)
                : routes.of(resource.getResourceClass(), resource.getResourceMethod());
        meters.record(request.getMethod(), route, response.getStatus(), nanos);
    }
}
