package dev.pergola.identity.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.Actors;
import dev.pergola.identity.internal.rbac.RoleDirectory;

/** {@code /api/v1/roles}; what a caller may grant is decided by the grantor rule in {@link RoleDirectory}. */
@Component(service = RolesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin.roles.manage")
public class RolesResource {
    static final ListSpec LIST = ListSpec.builder()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("is_system", "system", FieldType.BOOLEAN).filterable()
            .field("permission", "permissions.name", FieldType.STRING).filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("name")
            .build();

    private final RoleDirectory roles;
    private final ListQueryParser parser;
    private final Actors actors;

    public static final class RoleBody {
        public String name;
        public String description;
        public List<String> permissions;
    }

    @Activate
    public RolesResource(@Reference RoleDirectory roles, @Reference ListQueryParser parser, @Reference Actors actors) {
        this.actors = actors;
        this.roles = roles;
        this.parser = parser;
    }

    @GET
    @RolesAllowed("admin.roles.view")
    @ListParameters
    public ApiResponse<List<RoleView>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        PageResult<RoleView> page = roles.list(query).map(RoleView::of);
        return ApiResponse.list(page, query);
    }

    @GET
    @Path("{id}")
    @RolesAllowed("admin.roles.view")
    public ApiResponse<RoleView> get(@PathParam("id") String id) {
        return ApiResponse.of(RoleView.of(roles.get(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RoleBody body, @Context SecurityContext security) {
        RoleBody b = body == null ? new RoleBody() : body;
        return Response.status(201).entity(ApiResponse.of(RoleView.of(roles.create(actor(security), b.name, b.description,
                b.permissions)))).build();
    }

    /** Name is fixed once created: permissions and plugins refer to roles by id, people by name. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<RoleView> update(@PathParam("id") String id, RoleBody body,
            @Context SecurityContext security) {
        RoleBody b = body == null ? new RoleBody() : body;
        if (b.name != null && !b.name.equals(roles.get(id).name())) {
            throw dev.pergola.api.rest.ApiException.validation("name", "cannot be changed; create a new role");
        }
        return ApiResponse.of(RoleView.of(roles.update(actor(security), id, b.description, b.permissions)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        roles.delete(actor(security), id);
        return Response.noContent().build();
    }

    private Actor actor(SecurityContext security) {
        return actors.of((PergolaPrincipal) security.getUserPrincipal());
    }
}
