package dev.pergola.logs.internal.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
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
import dev.pergola.logs.internal.service.LogLevels;
import dev.pergola.logs.internal.service.LogLevels.LoggerLevel;

/** {@code /api/v1/logs/levels}: the configured logger levels, and changing one at run time. */
@Component(service = LogLevelsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/logs/levels")
@Produces(MediaType.APPLICATION_JSON)
public class LogLevelsResource {
    /** {@code PUT {logger}}: TRACE … ERROR, OFF, or DEFAULT to inherit again. */
    public record LevelRequest(String level) {
    }

    private final LogLevels levels;

    @Activate
    public LogLevelsResource(@Reference LogLevels levels) {
        this.levels = levels;
    }

    @GET
    @RolesAllowed(LogsResource.VIEW)
    public ApiResponse<List<LoggerLevel>> list() {
        return ApiResponse.of(levels.all().entrySet().stream().map(e -> new LoggerLevel(e.getKey(), e.getValue()))
                .toList());
    }

    @GET
    @Path("{logger}")
    @RolesAllowed(LogsResource.VIEW)
    public ApiResponse<LoggerLevel> get(@PathParam("logger") String logger) {
        return ApiResponse.of(levels.of(logger));
    }

    @PUT
    @Path("{logger}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(LogsResource.MANAGE)
    public ApiResponse<LoggerLevel> set(@PathParam("logger") String logger, LevelRequest body) {
        return ApiResponse.of(levels.set(logger, body == null ? null : body.level()));
    }
}
