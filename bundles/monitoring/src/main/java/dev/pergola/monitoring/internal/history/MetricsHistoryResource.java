package dev.pergola.monitoring.internal.history;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;

/** {@code GET /api/v1/metrics/history?series=requests,errors&from&to&step=1m|1h}: the dashboard charts' data. */
@Component(service = MetricsHistoryResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/metrics/history")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsHistoryResource {
    private final MetricsHistory history;

    @Activate
    public MetricsHistoryResource(@Reference MetricsHistory history) {
        this.history = history;
    }

    @GET
    @RolesAllowed("admin.monitoring.view")
    public ApiResponse<MetricsHistory.History> history(@QueryParam("series") String series,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("step") String step) {
        return ApiResponse.of(history.query(series, from, to, step));
    }
}
