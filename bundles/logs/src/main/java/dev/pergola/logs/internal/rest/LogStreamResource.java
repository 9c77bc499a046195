package dev.pergola.logs.internal.rest;

import java.util.Locale;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.tail.LiveTail;

/**
 * {@code GET /api/v1/logs/stream}: new log entries as Server-Sent Events ({@code event: log}, {@code id:} the entry
 * id, {@code data:} the list's JSON object), filtered by the list's shortcuts ({@code level}, {@code min_level},
 * {@code logger}, {@code bundle}, {@code request_id}, {@code search}). Needs {@code Accept: text/event-stream}.
 */
@Component(service = LogStreamResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Path("v1/logs/stream")
public class LogStreamResource {
    private final LiveTail tail;

    @Activate
    public LogStreamResource(@Reference LiveTail tail) {
        this.tail = tail;
    }

    @GET
    @RolesAllowed(LogsResource.VIEW)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context UriInfo uri,
            @HeaderParam("Accept") String accept) {
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains(MediaType.SERVER_SENT_EVENTS)) {
            throw new ApiException(ErrorCode.NOT_ACCEPTABLE, "This is a stream of Server-Sent Events: send "
                    + "'Accept: text/event-stream' (EventSource does).");
        }
        SseTail subscriber = new SseTail(LogCriteria.parse(uri.getQueryParameters()), sink, sse);
        if (!tail.open(subscriber)) {
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many live log streams are open; close one "
                    + "first.", Map.of(), Map.of()).withHeader("Retry-After", "15");
        }
        subscriber.heartbeat(); // commits the response now, so the client knows it is connected
    }
}
