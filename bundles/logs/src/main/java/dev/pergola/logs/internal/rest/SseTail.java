package dev.pergola.logs.internal.rest;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.logs.internal.service.LogCriteria;
import dev.pergola.logs.internal.store.LogEntry;
import dev.pergola.logs.internal.tail.TailSubscriber;

/** One live tail over SSE; a failed or closed sink makes it report the client gone. */
final class SseTail implements TailSubscriber {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LogCriteria criteria;
    private final SseEventSink sink;
    private final Sse sse;
    private volatile boolean gone;

    SseTail(LogCriteria criteria, SseEventSink sink, Sse sse) {
        this.criteria = criteria;
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public LogCriteria criteria() {
        return criteria;
    }

    @Override
    public boolean send(LogEntry entry) {
        String json;
        try {
            json = MAPPER.writeValueAsString(EntryFields.of(entry, false));
        } catch (JsonProcessingException e) {
            return true; // a map of strings always serialises; skip the entry rather than the client
        }
        return write(sse.newEventBuilder().id(Long.toString(entry.id())).name("log")
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, json).build());
    }

    @Override
    public boolean heartbeat() {
        return write(sse.newEventBuilder().comment("heartbeat").build());
    }

    @Override
    public void close() {
        gone = true;
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the client left first
        }
    }

    private boolean write(OutboundSseEvent event) {
        if (gone || sink.isClosed()) {
            return false;
        }
        sink.send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                gone = true;
            }
        });
        return true;
    }
}
