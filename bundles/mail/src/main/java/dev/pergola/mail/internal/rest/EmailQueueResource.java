package dev.pergola.mail.internal.rest;

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
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.mail.internal.service.EmailQueue;
import dev.pergola.mail.internal.store.EmailDto;
import dev.pergola.mail.internal.store.OutboxRecords;

/**
 * {@code /api/v1/email-queue}: thin over {@link EmailQueue}. Bodies (which may hold a reset link) are shown only to
 * callers with {@code admin.email.manage}; {@code admin.email.view} sees who, what subject, which state.
 */
@Component(service = EmailQueueResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/email-queue")
@Produces(MediaType.APPLICATION_JSON)
public class EmailQueueResource {
    static final String VIEW = "admin.email.view";
    static final String MANAGE = "admin.email.manage";
    static final ListSpec LIST = OutboxRecords.LIST;

    /** {@code POST clear}: which status to empty. */
    public record ClearRequest(String status) {
    }

    /** {@code POST test}: where to send the test message. */
    public record TestRequest(String to) {
    }

    private final EmailQueue queue;
    private final ListQueryParser parser;

    @Activate
    public EmailQueueResource(@Reference EmailQueue queue, @Reference ListQueryParser parser) {
        this.queue = queue;
        this.parser = parser;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<EmailDto>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(queue.list(query), query);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<EmailDto> get(@PathParam("id") String id, @Context SecurityContext security) {
        return ApiResponse.of(queue.get(id, security.isUserInRole(MANAGE)));
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(MANAGE)
    public ApiResponse<EmailDto> retry(@PathParam("id") String id) {
        return ApiResponse.of(queue.retry(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("id") String id) {
        queue.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Integer>> clear(ClearRequest body) {
        return ApiResponse.of(Map.of("deleted_count", queue.clear(body == null ? null : body.status())));
    }

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response test(TestRequest body) {
        EmailDto queued = queue.test(body == null ? null : body.to());
        return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(queued)).build();
    }
}
