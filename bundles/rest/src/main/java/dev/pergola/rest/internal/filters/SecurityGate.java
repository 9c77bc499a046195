package dev.pergola.rest.internal.filters;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.errors.ErrorEnvelope;

/**
 * Fail closed: a matched resource method is served only when the platform's authorization filter has vouched
 * for the request ({@link PergolaApplication#AUTHORIZED_PROPERTY}). It applies to every whiteboard application:
 * <ul>
 * <li>in the platform application, a missing or stopped authorization bundle means 503 for everything but
 * liveness (the application itself requires this gate, so it is never served without it);</li>
 * <li>in any other application (the whiteboard's default one, where a resource lands when it forgets to
 * select {@code pergola}, or a plugin's own), nobody authorizes, so nothing is served: 404, and a warning
 * naming the resource class.</li>
 * </ul>
 * Runs after authentication and authorization ({@link Priorities#USER}).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(SecurityGate.NAME)
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
@Priority(Priorities.USER)
public class SecurityGate implements ContainerRequestFilter {
    public static final String NAME = "pergola.security-gate";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityGate.class);
    private static final String LIVENESS = "health/live";

    private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

    @Context
    private ResourceInfo resource;

    @Context
    private HttpHeaders headers;

    @Override
    public void filter(ContainerRequestContext request) {
        if (Boolean.TRUE.equals(request.getProperty(PergolaApplication.AUTHORIZED_PROPERTY))) {
            return;
        }
        String requestId = RequestIds.of(headers);
        String path = request.getUriInfo().getPath();
        boolean platform = request.getUriInfo().getBaseUri().getPath().startsWith(PergolaApplication.BASE + "/")
                || request.getUriInfo().getBaseUri().getPath().equals(PergolaApplication.BASE);
        if (platform) {
            if (strip(path).equals(LIVENESS)) {
                return;
            }
            request.abortWith(ErrorEnvelope.response(ErrorCode.SERVICE_UNAVAILABLE,
                    "Authorization is not available right now; try again shortly.", requestId));
            return;
        }
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type != null && warned.add(type)) {
            LOG.warn("Refusing {}: it is not part of the platform application; a resource must select "
                    + "(osgi.jaxrs.name=pergola) to be served with authentication and authorization", type.getName());
        }
        request.abortWith(ErrorEnvelope.serialized(ErrorCode.RESOURCE_NOT_FOUND, "No resource at this address.", requestId));
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
