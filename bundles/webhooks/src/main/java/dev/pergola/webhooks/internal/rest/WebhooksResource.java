package dev.pergola.webhooks.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

import dev.pergola.api.identity.Permissions;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.webhooks.internal.CreatedWebhook;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.NewWebhook;
import dev.pergola.webhooks.internal.WebhookChange;
import dev.pergola.webhooks.internal.WebhookDto;
import dev.pergola.webhooks.internal.service.Webhooks;
import dev.pergola.webhooks.internal.store.WebhookStore;

/** {@code /api/v1/webhooks}: thin over {@link Webhooks}; view and manage permissions from {@link Permissions}. */
@Component(service = WebhooksResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {
    static final String VIEW = "admin.webhooks.view";
    static final String MANAGE = "admin.webhooks.manage";
    static final ListSpec LIST = WebhookStore.LIST;
    static final ListSpec DELIVERIES = WebhookStore.DELIVERIES;

    private final Webhooks webhooks;
    private final ListQueryParser parser;

    /** The body of rotate-secret: a secret to use, or nothing to have one generated. */
    public record SecretChoice(String secret) {
    }

    @Activate
    public WebhooksResource(@Reference Webhooks webhooks, @Reference ListQueryParser parser) {
        this.webhooks = webhooks;
        this.parser = parser;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<WebhookDto>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(webhooks.list(query), query);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response create(NewWebhook body, @Context SecurityContext security) {
        CreatedWebhook created = webhooks.create(security.getUserPrincipal().getName(), body);
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(created)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<WebhookDto> get(@PathParam("id") String id) {
        return ApiResponse.of(webhooks.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<WebhookDto> put(@PathParam("id") String id, WebhookChange body) {
        return ApiResponse.of(webhooks.update(id, body));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<WebhookDto> patch(@PathParam("id") String id, WebhookChange body) {
        return ApiResponse.of(webhooks.update(id, body));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed(VIEW)
    @ListParameters("DELIVERIES")
    public ApiResponse<List<DeliveryDto>> deliveries(@PathParam("id") String id, @Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), DELIVERIES);
        return ApiResponse.list(webhooks.deliveries(id, query), query);
    }

    @POST
    @Path("{id}/test")
    @RolesAllowed(MANAGE)
    public Response test(@PathParam("id") String id) {
        return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(webhooks.test(id))).build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @RolesAllowed(MANAGE)
    public ApiResponse<CreatedWebhook> rotateSecret(@PathParam("id") String id, SecretChoice body) {
        return ApiResponse.of(webhooks.rotateSecret(id, body == null ? null : body.secret()));
    }

    @POST
    @Path("deliveries/{id}/redeliver")
    @RolesAllowed(MANAGE)
    public Response redeliver(@PathParam("id") String id) {
        return Response.status(Response.Status.ACCEPTED).entity(ApiResponse.of(webhooks.redeliver(id))).build();
    }
}
