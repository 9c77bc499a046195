package dev.pergola.identity.internal.rest;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Channel;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.client.ClientAddresses;

/**
 * Binds the audit origin of every REST request, signed in or not, right after authentication (so a refusal by
 * {@link AuthorizationFilter} is made under it): channel {@code rest}, the caller (an API key by its id), the
 * client's address as the trusted proxies give it, the User-Agent and the request id. The response closes it; a
 * 403 is recorded as {@code access.denied}. A 401 never reaches here bound and is not recorded.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsName("pergola.audit-origin")
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 50)
public class AuditOriginFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** Request property holding the {@link Bound} origin until the response. */
    static final String BOUND = "pergola.audit.origin";
    /** Request property naming the permission a refused request lacked (set by {@link AuthorizationFilter}). */
    static final String REQUIRED_PERMISSION = "pergola.audit.required_permission";

    private final IdentityAudit audit;
    private final AuditTrail trail;
    private final ClientAddresses addresses;

    @Context
    private HttpServletRequest http;

    record Bound(AuditOrigin origin, AuditTrail.Binding binding) {
    }

    @Activate
    public AuditOriginFilter(@Reference IdentityAudit audit, @Reference AuditTrail trail,
            @Reference ClientAddresses addresses) {
        this.audit = audit;
        this.trail = trail;
        this.addresses = addresses;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        PergolaPrincipal principal = request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof PergolaPrincipal p ? p : null;
        ClientAddress client = http == null ? ClientAddress.UNKNOWN : addresses.of(http);
        AuditOrigin origin = new AuditOrigin(Channel.REST, principal == null ? null : AuditActor.of(principal),
                client.isKnown() ? client.toString() : null, request.getHeaderString(HttpHeaders.USER_AGENT),
                request.getHeaderString(PergolaApplication.REQUEST_ID_HEADER));
        request.setProperty(BOUND, new Bound(origin, trail.bind(origin)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(BOUND) instanceof Bound bound)) {
            return;
        }
        request.removeProperty(BOUND);
        try {
            if (response.getStatus() == 403) {
                Object required = request.getProperty(REQUIRED_PERMISSION);
                audit.factQuietly(AuditEntry.of(EventTypes.ACCESS_DENIED).withOutcome(Outcome.DENIED)
                        .withOrigin(bound.origin())
                        .withDetail("method", request.getMethod())
                        .withDetail("path", request.getUriInfo().getRequestUri().getPath()) // never the query
                        .withDetail("required_permission", required));
            }
        } finally {
            bound.binding().close();
        }
    }
}
