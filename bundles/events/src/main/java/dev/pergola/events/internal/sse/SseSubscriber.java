package dev.pergola.events.internal.sse;

import java.util.List;
import java.util.concurrent.CompletionStage;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.events.internal.EventJson;
import dev.pergola.events.internal.live.Subscriber;

/** An SSE response: {@code id:} the sequence, {@code event:} the type, {@code data:} the event's JSON. */
final class SseSubscriber extends Subscriber {
    private final List<String> types;
    private final SseEventSink sink;
    private final Sse sse;

    SseSubscriber(PergolaPrincipal principal, List<String> types, SseEventSink sink, Sse sse) {
        super(principal);
        this.types = types;
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    protected boolean wants(PergolaEvent event) {
        return types.isEmpty() || types.stream().anyMatch(pattern -> EventTypes.matches(pattern, event.type()));
    }

    @Override
    protected void send(PergolaEvent event) {
        write(sse.newEventBuilder().id(Long.toString(event.sequence())).name(event.type())
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, EventJson.write(EventJson.body(event))).build());
    }

    /** A comment line: invisible to EventSource, enough to keep proxies from closing the stream. */
    void comment(String text) {
        write(sse.newEventBuilder().comment(text).build());
    }

    @Override
    protected void heartbeat() {
        comment("heartbeat");
    }

    private void write(OutboundSseEvent event) {
        if (sink.isClosed()) {
            close(null, "client gone");
            return;
        }
        CompletionStage<?> sent = sink.send(event);
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                close(null, "client gone");
            }
        });
    }

    @Override
    protected void terminate(String code, String reason) {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the client left first: nothing to end
        }
    }
}
