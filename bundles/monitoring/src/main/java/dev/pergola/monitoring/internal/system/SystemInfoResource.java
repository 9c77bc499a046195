package dev.pergola.monitoring.internal.system;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;

/** {@code GET /api/v1/system/info}: versions, uptime, CPU, memory, disk, sessions, bundles, plugins, database. */
@Component(service = SystemInfoResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemInfoResource {
    private final SystemInfoService system;

    @Activate
    public SystemInfoResource(@Reference SystemInfoService system) {
        this.system = system;
    }

    @GET
    @Path("info")
    @RolesAllowed("admin.monitoring.view")
    public ApiResponse<SystemInfo> info() {
        return ApiResponse.of(system.info());
    }
}
