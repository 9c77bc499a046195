package dev.pergola.alerts.internal.rest;

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
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.RuleInput;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;

/**
 * {@code /api/v1/alerts} (alerts, {@code {id}/acknowledge}) and {@code /api/v1/alerts/rules} (CRUD): thin over
 * {@link Alerts}. Reading needs {@code admin.monitoring.view}; acknowledging and rule changes
 * {@code admin.monitoring.manage}.
 */
@Component(service = AlertsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {
    static final String VIEW = "admin.monitoring.view";
    static final String MANAGE = "admin.monitoring.manage";
    static final ListSpec LIST = AlertStore.LIST;
    static final ListSpec RULES = RuleStore.LIST;

    private final Alerts alerts;
    private final ListQueryParser parser;

    @Activate
    public AlertsResource(@Reference Alerts alerts, @Reference ListQueryParser parser) {
        this.alerts = alerts;
        this.parser = parser;
    }

    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<AlertDto>> list(@Context UriInfo uri, @QueryParam("severity") String severity,
            @QueryParam("status") String status) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        return ApiResponse.list(alerts.alerts(query, severity, status), query);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<AlertDto> get(@PathParam("id") String id) {
        return ApiResponse.of(alerts.alert(id));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(MANAGE)
    public ApiResponse<AlertDto> acknowledge(@PathParam("id") String id) {
        return ApiResponse.of(alerts.acknowledge(id));
    }

    @GET
    @Path("rules")
    @RolesAllowed(VIEW)
    @ListParameters("RULES")
    public ApiResponse<List<AlertRule>> rules(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), RULES);
        return ApiResponse.list(alerts.rules(query), query);
    }

    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public Response create(RuleInput body) {
        AlertRule created = alerts.create(required(body));
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(created)).build();
    }

    @GET
    @Path("rules/{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<AlertRule> rule(@PathParam("id") String id) {
        return ApiResponse.of(alerts.rule(id));
    }

    @PUT
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<AlertRule> replace(@PathParam("id") String id, RuleInput body) {
        return ApiResponse.of(alerts.update(id, required(body), false));
    }

    @PATCH
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<AlertRule> patch(@PathParam("id") String id, RuleInput body) {
        return ApiResponse.of(alerts.update(id, required(body), true));
    }

    @DELETE
    @Path("rules/{id}")
    @RolesAllowed(MANAGE)
    public Response delete(@PathParam("id") String id) {
        alerts.delete(id);
        return Response.noContent().build();
    }

    private static RuleInput required(RuleInput body) {
        if (body == null) {
            throw PergolaException.invalid("body", "a JSON object describing the rule");
        }
        return body;
    }
}
