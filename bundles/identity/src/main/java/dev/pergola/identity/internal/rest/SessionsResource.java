package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.store.SessionEntity;

/**
 * {@code /api/v1/auth/sessions}: the caller's login history (last 100), and ending one of their sessions. Not for
 * API keys: a leaked key must not watch or end its owner's sessions.
 */
@Component(service = SessionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/auth/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@NotForApiKeys
public class SessionsResource {
    private final Sessions sessions;

    @Activate
    public SessionsResource(@Reference Sessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public ApiResponse<List<Map<String, Object>>> list(@Context SecurityContext security) {
        PergolaPrincipal me = (PergolaPrincipal) security.getUserPrincipal();
        Instant now = Instant.now();
        return ApiResponse.of(sessions.ofUser(me.userId(), 100).stream().map(s -> view(s, me, now)).toList());
    }

    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") String id, @Context SecurityContext security) {
        sessions.endOwn(((PergolaPrincipal) security.getUserPrincipal()).userId(), id, "terminated");
        return Response.noContent().build();
    }

    private static Map<String, Object> view(SessionEntity s, PergolaPrincipal me, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id);
        m.put("created_at", Timestamps.iso(s.createdAt));
        m.put("last_used_at", Timestamps.iso(s.lastUsedAt));
        m.put("expires_at", Timestamps.iso(s.expiresAt));
        m.put("ended_at", Timestamps.iso(s.endedAt));
        m.put("end_reason", s.endReason);
        m.put("client_address", s.clientAddress);
        m.put("user_agent", s.userAgent);
        m.put("current", s.id.equals(me.sessionId()));
        m.put("active", s.endedAt == null && s.expiresAt.toInstant().isAfter(now));
        return m;
    }

}
