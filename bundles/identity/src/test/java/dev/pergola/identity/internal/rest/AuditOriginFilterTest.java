package dev.pergola.identity.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.Channel;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.Configs;
import dev.pergola.identity.internal.audit.RecordingAuditTrail;
import dev.pergola.identity.internal.client.ClientAddressConfig;
import dev.pergola.identity.internal.client.ClientAddresses;

public class AuditOriginFilterTest {
    private final RecordingAuditTrail trail = new RecordingAuditTrail();
    private final AuditOriginFilter filter = new AuditOriginFilter(trail.identityAudit(), trail,
            new ClientAddresses(Configs.of(ClientAddressConfig.class, Map.of())));
    private final Map<String, Object> properties = new HashMap<>();

    @Test
    public void anApiKeyCallerIsBoundByItsKeyUntilTheResponseAndA403IsRecorded() {
        PergolaPrincipal key = PergolaPrincipal.apiKey("u1", "ann", Set.of(), "k1");
        ContainerRequestContext request = request(key);
        filter.filter(request);
        AuditOrigin bound = trail.origin();
        assertEquals(Channel.REST, bound.channel());
        assertEquals("api_key", bound.actor().type());
        assertEquals("k1", bound.actor().id());
        assertEquals("req-1", bound.requestId());
        assertEquals("curl/8", bound.userAgent());

        properties.put(AuditOriginFilter.REQUIRED_PERMISSION, "admin.users.view");
        filter.filter(request, response(403));
        assertEquals(AuditOrigin.SYSTEM, trail.origin());
        assertEquals(List.of(EventTypes.ACCESS_DENIED), trail.actions());
        AuditEntry denied = trail.written.get(0).entry();
        assertEquals("denied", denied.outcome().toString());
        assertEquals(bound, denied.origin());
        assertEquals(Map.of("method", "GET", "path", "/api/v1/users", "required_permission", "admin.users.view"),
                denied.details());
    }

    @Test
    public void anAnonymousRequestIsBoundTooAndOtherStatusesRecordNothing() {
        ContainerRequestContext request = request(null);
        filter.filter(request);
        assertNull(trail.origin().actor());
        filter.filter(request, response(401));
        filter.filter(request, response(200));
        assertEquals(List.of(), trail.actions());
        assertEquals(AuditOrigin.SYSTEM, trail.origin());
    }

    private ContainerRequestContext request(Principal principal) {
        SecurityContext security = proxy(SecurityContext.class, (m, a) -> m.equals("getUserPrincipal") ? principal : null);
        UriInfo uri = proxy(UriInfo.class, (m, a) -> m.equals("getRequestUri")
                ? URI.create("http://h/api/v1/users?access_token=secret") : null);
        return proxy(ContainerRequestContext.class, (m, a) -> switch (m) {
            case "getSecurityContext" -> security;
            case "getHeaderString" -> a[0].equals(PergolaApplication.REQUEST_ID_HEADER) ? "req-1"
                    : a[0].equals("User-Agent") ? "curl/8" : null;
            case "setProperty" -> properties.put((String) a[0], a[1]);
            case "getProperty" -> properties.get(a[0]);
            case "removeProperty" -> properties.remove(a[0]);
            case "getMethod" -> "GET";
            case "getUriInfo" -> uri;
            default -> null;
        });
    }

    private static ContainerResponseContext response(int status) {
        return proxy(ContainerResponseContext.class, (m, a) -> m.equals("getStatus") ? status : null);
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}
