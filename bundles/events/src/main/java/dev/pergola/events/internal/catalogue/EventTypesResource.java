package dev.pergola.events.internal.catalogue;

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

import dev.pergola.api.query.CollectionQueryExecutor;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;

/**
 * {@code GET /api/v1/events/types}: the event catalogue, core and plugin types, in the shared list language
 * ({@code ?filter[area]=user}, {@code ?search=password}). Any signed-in caller may read it: it is documentation (names,
 * descriptions, payload fields and the permission each type needs), no event and no data; a client needs it to know
 * what to subscribe to, and each event is still delivered only to holders of its permission.
 */
@Component(service = EventTypesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/events/types")
@Produces(MediaType.APPLICATION_JSON)
public class EventTypesResource {
    static final ListSpec LIST = ListSpec.builder()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("area", "area", FieldType.STRING).sortable().filterable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("permission", "permission", FieldType.STRING).sortable().filterable()
            .field("source", "source", FieldType.STRING).sortable().filterable()
            .build();

    private final EventTypeRegistry registry;
    private final ListQueryParser parser;
    private final CollectionQueryExecutor executor;

    @Activate
    public EventTypesResource(@Reference EventTypeRegistry registry, @Reference ListQueryParser parser,
            @Reference CollectionQueryExecutor executor) {
        this.registry = registry;
        this.parser = parser;
        this.executor = executor;
    }

    @GET
    @RolesAllowed("**")
    @ListParameters
    public ApiResponse<List<EventTypeView>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(executor.fetch(registry.all(), query), query);
    }
}
