package dev.pergola.events.internal.sse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;
import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.events.internal.live.LiveEvents;

/**
 * {@code GET /api/v1/events/stream}: the platform's events as Server-Sent Events, for any signed-in caller, each
 * event only if the caller holds its type's permission. Authentication is the platform's own (bearer token, API key
 * or browser session cookie) — never a token in the query string, which would end up in access logs and browser
 * history. {@code ?types=user.*,plugin.enabled} narrows the stream; {@code Last-Event-ID} resumes it after the
 * given sequence. The client must ask for {@code Accept: text/event-stream}.
 */
@Component(service = EventStreamResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Path("v1/events/stream")
public class EventStreamResource {
    private static final Pattern TYPE_PATTERN = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

    private final LiveEvents live;

    @Activate
    public EventStreamResource(@Reference LiveEvents live) {
        this.live = live;
    }

    @GET
    @RolesAllowed("**")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security,
            @HeaderParam("Accept") String accept, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("types") String types) {
        if (!asksForEventStream(accept)) {
            throw new ApiException(ErrorCode.NOT_ACCEPTABLE, "This is a stream of Server-Sent Events: send "
                    + "'Accept: text/event-stream' (EventSource does).");
        }
        PergolaPrincipal caller = (PergolaPrincipal) security.getUserPrincipal();
        List<String> patterns = patterns(types);
        Optional<Long> resumeAfter = resumeAfter(lastEventId);
        if (resumeAfter.isPresent() && !live.canResume()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Past events cannot be replayed right now; "
                    + "reconnect without Last-Event-ID or try again shortly.");
        }
        if (resumeAfter.isPresent() && live.behind(resumeAfter.get()) > live.config().replay_max_events()) {
            throw ApiException.validation("Last-Event-ID", "more than " + live.config().replay_max_events()
                    + " events ago: read the gap from /api/v1/audit and reconnect without Last-Event-ID");
        }
        SseSubscriber subscriber = new SseSubscriber(caller, patterns, sink, sse);
        if (!live.open(subscriber, resumeAfter)) {
            throw tooMany(); // nothing written yet: the envelope goes out as a plain 429
        }
        // commits the response (status and headers) now, so the client knows it is connected before any event
        subscriber.comment("connected");
    }

    private ApiException tooMany() {
        int max = live.config().max_connections_per_user();
        return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "You already have " + max
                + " live event streams open; close one first.", Map.of(), Map.of("limit", max))
                .withHeader("Retry-After", Integer.toString(live.config().heartbeat_seconds()));
    }

    /**
     * A stream never ends: it is opened only for a client that asks for one by name (EventSource always does), not
     * for {@code *}/{@code *} or no Accept at all, which would leave a generic HTTP client waiting forever.
     */
    static boolean asksForEventStream(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(MediaType.SERVER_SENT_EVENTS);
    }

    static List<String> patterns(String types) {
        if (types == null || types.isBlank()) {
            return List.of();
        }
        List<String> patterns = Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        for (String pattern : patterns) {
            if (!TYPE_PATTERN.matcher(pattern).matches()) {
                throw ApiException.validation("types", "'" + pattern + "' is not an event type or a pattern such as user.*");
            }
        }
        return patterns;
    }

    static Optional<Long> resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        try {
            long sequence = Long.parseLong(lastEventId.trim());
            if (sequence >= 0) {
                return Optional.of(sequence);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("Last-Event-ID", "must be the id (a sequence number) of an event of this stream");
    }
}
