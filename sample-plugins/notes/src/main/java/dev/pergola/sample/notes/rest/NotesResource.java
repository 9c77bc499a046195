package dev.pergola.sample.notes.rest;

import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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

import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.sample.notes.store.NoteStore;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.sample.notes.NewNote;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.ShareNote;
import dev.pergola.sample.notes.service.NoteSharing;
import dev.pergola.sample.notes.service.Notes;

/**
 * {@code /api/v1/notes}. Thin: parse, let the platform authorize ({@code @RolesAllowed} names permissions from
 * the manifest's {@code Pergola-Permissions}), call {@link Notes}, wrap the record. Failures are the service's
 * {@code PergolaException}s, which the platform turns into the error envelope.
 */
@Component(service = NotesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {
    static final String VIEW = "acme.notes.view";
    static final String MANAGE = "acme.notes.manage";

    private final Notes notes;
    private final NoteSharing sharing;
    private final ListQueryParser parser;
    /** The list's field rules, named by {@code @ListParameters}. */
    static final ListSpec LIST = NoteStore.LIST;

    @Activate
    public NotesResource(@Reference Notes notes, @Reference NoteSharing sharing, @Reference ListQueryParser parser) {
        this.notes = notes;
        this.sharing = sharing;
        this.parser = parser;
    }

    /** {@code ?page=&per_page=&sort=-created_at&search=&filter[author]=…}, the platform's list language. */
    @GET
    @RolesAllowed(VIEW)
    @ListParameters // the OpenAPI document lists page, per_page, sort, search, fields and filter[…] from LIST
    public ApiResponse<List<NoteDto>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        PageResult<NoteDto> page = notes.list(query);
        return ApiResponse.list(page, query); // keeps the caller's fields= choice
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<NoteDto> get(@PathParam("id") String id) {
        return ApiResponse.of(notes.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response create(NewNote body, @Context SecurityContext security) {
        NoteDto created = notes.create(security.getUserPrincipal().getName(), body);
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(created)).build();
    }

    /** Emails the note ({@code {"to", "locale"?}}) with the plugin's mail template: 202, the mail is queued. */
    @POST
    @Path("{id}/share")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(VIEW)
    public Response share(@PathParam("id") String id, ShareNote body, @Context SecurityContext security) {
        String messageId = sharing.share(security.getUserPrincipal().getName(), id, body);
        return Response.accepted(ApiResponse.of(Map.of("message_id", messageId))).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("id") String id) {
        notes.delete(id);
        return Response.noContent().build();
    }
}
