package dev.pergola.api.events;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A platform event as it travels: on Event Admin (as the properties below), to webhooks ({@code {"id", "type",
 * "timestamp", "data"}}) and to live streams.
 *
 * @param id unique, {@code evt_…}
 * @param sequence its place in the audit chain, increasing (a resumable stream's {@code Last-Event-ID})
 * @param type dotted type, e.g. {@code plugin.enabled}
 * @param timestamp when the change was made
 * @param data {@code actor}, {@code target}, {@code outcome}, {@code before}/{@code after} where they apply, then
 *             the type's own fields (secrets already redacted); JSON-shaped: maps, lists, strings, numbers, booleans
 */
public record PergolaEvent(String id, long sequence, String type, Instant timestamp, Map<String, Object> data) {
    /** Event Admin property names. */
    public static final String ID = "id";
    public static final String SEQUENCE = "sequence";
    public static final String TYPE = "type";
    public static final String TIMESTAMP = "timestamp";
    public static final String DATA = "data";

    public PergolaEvent {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The Event Admin topic of this event. */
    public String topic() {
        return EventTypes.topic(type);
    }

    /** Properties for an Event Admin event. */
    public Map<String, Object> toProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ID, id);
        p.put(SEQUENCE, sequence);
        p.put(TYPE, type);
        p.put(TIMESTAMP, timestamp.toString());
        p.put(DATA, data);
        return p;
    }

    /** The event an Event Admin event carries (as {@link #toProperties()} wrote it), from its property lookup. */
    @SuppressWarnings("unchecked")
    public static PergolaEvent fromProperties(java.util.function.Function<String, Object> property) {
        Object data = property.apply(DATA);
        Object sequence = property.apply(SEQUENCE);
        return new PergolaEvent((String) property.apply(ID), sequence instanceof Number n ? n.longValue() : 0L,
                (String) property.apply(TYPE), Instant.parse((String) property.apply(TIMESTAMP)),
                data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }
}
