package dev.pergola.identity.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
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
import dev.pergola.identity.internal.rbac.RoleDirectory;

/** {@code GET /api/v1/permissions}: the catalogue, core and plugin-defined ({@code source} = the bundle). */
@Component(service = PermissionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/permissions")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionsResource {
    static final ListSpec LIST = ListSpec.builder()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("source", "source", FieldType.STRING).sortable().filterable()
            .defaultSort("name")
            .build();

    private final RoleDirectory roles;
    private final ListQueryParser parser;

    @Activate
    public PermissionsResource(@Reference RoleDirectory roles, @Reference ListQueryParser parser) {
        this.roles = roles;
        this.parser = parser;
    }

    @GET
    @RolesAllowed("admin.permissions.view")
    @ListParameters
    public ApiResponse<List<PermissionView>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        PageResult<PermissionView> page = roles.permissions(query).map(PermissionView::of);
        return ApiResponse.list(page, query);
    }
}
