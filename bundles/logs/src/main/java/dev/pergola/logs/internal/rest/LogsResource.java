package dev.pergola.logs.internal.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.service.Logs;
import dev.pergola.logs.internal.store.LogEntry;

/**
 * {@code /api/v1/logs}: search the stored log entries ({@code admin.logs.view}), read one with its stack trace,
 * download them, and clear old ones ({@code admin.logs.manage}). Thin over {@link Logs}.
 */
@Component(service = LogsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@JSONRequired
@Path("v1/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {
    static final String VIEW = "admin.logs.view";
    static final String MANAGE = "admin.logs.manage";
    static final ListSpec LIST = Logs.LIST;

    /** {@code POST clear}: entries logged before this instant (or the start of this UTC date) are deleted. */
    public record ClearRequest(String olderThan) {
    }

    private final Logs logs;
    private final ListQueryParser parser;

    @Activate
    public LogsResource(@Reference Logs logs, @Reference ListQueryParser parser) {
        this.logs = logs;
        this.parser = parser;
    }

    /** The list language plus {@code level}, {@code min_level}, {@code logger}, {@code bundle}, {@code request_id},
     * {@code from}, {@code to}, {@code date}. */
    @GET
    @RolesAllowed(VIEW)
    @ListParameters
    public ApiResponse<List<LogEntry>> list(@Context UriInfo uri) {
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        LogCriteria criteria = LogCriteria.parse(uri.getQueryParameters());
        return ApiResponse.list(logs.list(query, criteria), query);
    }

    @GET
    @Path("download")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed(VIEW)
    @ListParameters
    public Response download(@QueryParam("format") String format, @Context UriInfo uri) {
        Download d = Download.of(format);
        ListQuery query = parser.parse(uri.getQueryParameters(), LIST);
        LogCriteria criteria = LogCriteria.parse(uri.getQueryParameters());
        StreamingOutput body = out -> d.write(out, each -> logs.each(query, criteria, each));
        return Response.ok(body, d.mediaType)
                .header("Content-Disposition", "attachment; filename=\"logs." + d.extension + "\"").build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(VIEW)
    public ApiResponse<LogEntry> get(@PathParam("id") String id) {
        return ApiResponse.of(logs.get(id));
    }

    @POST
    @Path("clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(MANAGE)
    public ApiResponse<Map<String, Object>> clear(ClearRequest body) {
        Instant before = olderThan(body == null ? null : body.olderThan());
        return ApiResponse.of(Map.of("deleted_count", logs.clear(before), "older_than", before.toString()));
    }

    static Instant olderThan(String value) {
        if (value != null && !value.isBlank()) {
            try {
                return LogCriteria.bounded(Instant.parse(value.strip()));
            } catch (DateTimeParseException notInstant) {
                try {
                    return LogCriteria.bounded(LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException e) {
                    // answered below
                }
            }
        }
        throw PergolaException.invalid("older_than", "an ISO-8601 instant (2026-11-30T12:00:00Z) or date (2026-11-30)");
    }
}
