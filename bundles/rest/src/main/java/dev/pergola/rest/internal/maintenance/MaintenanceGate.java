package dev.pergola.rest.internal.maintenance;

import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.platform.Maintenance;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.errors.ErrorEnvelope;
import dev.pergola.rest.internal.filters.RequestIds;

/**
 * While this node is in {@link Maintenance}, refuses every request of the platform application with 503 and
 * {@code Retry-After}, except health, status, signing in/out and callers holding
 * {@link Maintenance#BYPASS_PERMISSION}. Runs after authentication (so it knows the caller) and before
 * authorization (so an anonymous caller learns nothing but "come back later"). The application requires this
 * filter, and a failure to read the state refuses the request: fail closed.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(MaintenanceGate.NAME)
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 500)
public class MaintenanceGate implements ContainerRequestFilter {
    public static final String NAME = "pergola.maintenance-gate";
    static final long RETRY_AFTER_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceGate.class);
    /**
     * Paths below {@code /api} served during maintenance, besides everything under {@code health}: status, and
     * signing in and out, by token or by browser session (the web UI's {@code v1/auth/session}).
     */
    private static final Set<String> ALWAYS_SERVED = Set.of("v1/status", "v1/auth/login", "v1/auth/refresh",
            "v1/auth/logout", "v1/auth/me", "v1/auth/session");

    private final Maintenance maintenance;

    @Activate
    public MaintenanceGate(@Reference Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String reason;
        try {
            reason = maintenance.state().map(Maintenance.State::reason).orElse(null);
            if (reason == null || servedAnyway(request.getUriInfo().getPath(), principal(request))) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot tell whether this node is in maintenance; refusing the request", e);
            reason = "the maintenance state could not be read";
        }
        request.abortWith(refusal(reason, RequestIds.choose(request.getHeaderString(PergolaApplication.REQUEST_ID_HEADER))));
    }

    static boolean servedAnyway(String path, PergolaPrincipal caller) {
        String p = normalize(path);
        if (p.equals("health") || p.startsWith("health/") || ALWAYS_SERVED.contains(p)) {
            return true;
        }
        return caller != null && caller.hasPermission(Maintenance.BYPASS_PERMISSION);
    }

    static Response refusal(String reason, String requestId) {
        Response envelope = ErrorEnvelope.response(ErrorCode.SERVICE_UNAVAILABLE,
                "The platform is in maintenance (" + reason + "); try again shortly.", requestId);
        return Response.fromResponse(envelope).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static PergolaPrincipal principal(ContainerRequestContext request) {
        return request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof PergolaPrincipal p ? p : null;
    }

    /** {@code /v1//auth/login/} and {@code v1/auth/login} are one path; no dot segments survive URI parsing. */
    private static String normalize(String path) {
        String p = path == null ? "" : path.replaceAll("/{2,}", "/");
        p = p.startsWith("/") ? p.substring(1) : p;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
