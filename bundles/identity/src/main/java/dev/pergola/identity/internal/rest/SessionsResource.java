package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.util.List;

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
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.identity.internal.session.Sessions;

/**
 * {@code /api/v1/auth/sessions}: the caller's login history (the shared list query: page, per_page, sort, filters, fields), and ending one of their sessions. Not for
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
    static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.UUID).filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("last_used_at", "lastUsedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("expires_at", "expiresAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("ended_at", "endedAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("end_reason", "endReason", FieldType.STRING).filterable()
            .field("client_address", "clientAddress", FieldType.STRING).sortable().filterable().searchable()
            .field("user_agent", "userAgent", FieldType.STRING).filterable().searchable()
            .defaultSort("-created_at")
            .build();

    private final Sessions sessions;
    private final ListQueryParser parser;

    @Activate
    public SessionsResource(@Reference Sessions sessions, @Reference ListQueryParser parser) {
        this.sessions = sessions;
        this.parser = parser;
    }

    @GET
    @ListParameters
    public ApiResponse<List<SessionView>> list(@Context UriInfo uri, @Context SecurityContext security) {
        PergolaPrincipal me = (PergolaPrincipal) security.getUserPrincipal();
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        Instant now = Instant.now();
        PageResult<SessionView> page = sessions.ofUser(me.userId(), query)
                .map(s -> SessionView.of(s, me.sessionId(), now));
        return ApiResponse.list(page, query);
    }

    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") String id, @Context SecurityContext security) {
        sessions.endOwn(((PergolaPrincipal) security.getUserPrincipal()).userId(), id, "terminated");
        return Response.noContent().build();
    }
}
