package dev.pergola.events.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.pergola.api.events.PergolaEvent;

/** The wire form of events and stream messages: the webhook body {@code {"id", "type", "timestamp", "data"}}. */
public final class EventJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private EventJson() {
    }

    /** The event as a JSON-shaped map, in the documented member order. */
    public static Map<String, Object> body(PergolaEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("timestamp", event.timestamp().toString());
        body.put("data", event.data());
        return body;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }
}
