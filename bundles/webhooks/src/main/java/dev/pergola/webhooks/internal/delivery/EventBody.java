package dev.pergola.webhooks.internal.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.events.PergolaEvent;

/**
 * The body of a delivery, {@code {"id": "evt_…", "type", "timestamp", "data"}}, written once when the delivery is
 * queued and stored as is: the bytes signed and sent on every attempt, and on a redelivery, are the same.
 */
public final class EventBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBody() {
    }

    public static String json(PergolaEvent event) {
        return json(event.id(), event.type(), event.timestamp().toString(), event.data());
    }

    public static String json(String id, String type, String timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("timestamp", timestamp);
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + id + " has data that is not JSON: " + e.getMessage(), e);
        }
    }
}
