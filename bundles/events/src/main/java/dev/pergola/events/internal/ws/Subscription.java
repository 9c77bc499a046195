package dev.pergola.events.internal.ws;

import java.util.List;
import java.util.Map;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * One {@code subscribe} of a WebSocket: a channel (an area such as {@code plugin}, {@code user}, {@code auth}, or
 * {@code *} for all) and optional filters — {@code event_types} (full types or patterns like {@code user.*}; a bare
 * name such as {@code enabled} is taken within the channel) and {@code target_id} (the event's {@code data.target.id}).
 */
record Subscription(String channel, List<String> eventTypes, String targetId) {
    static final String ALL = "*";

    Subscription {
        eventTypes = eventTypes.stream().map(t -> t.contains(".") || t.equals(ALL) || channel.equals(ALL) ? t
                : channel + "." + t).toList();
    }

    boolean matches(PergolaEvent event) {
        if (!channel.equals(ALL) && !event.type().startsWith(channel + ".")) {
            return false;
        }
        if (!eventTypes.isEmpty() && eventTypes.stream().noneMatch(p -> EventTypes.matches(p, event.type()))) {
            return false;
        }
        return targetId == null || targetId.equals(targetIdOf(event));
    }

    private static String targetIdOf(PergolaEvent event) {
        return event.data().get("target") instanceof Map<?, ?> target && target.get("id") != null
                ? String.valueOf(target.get("id")) : null;
    }

    Map<String, Object> describe() {
        return targetId == null ? Map.of("event_types", eventTypes) : Map.of("event_types", eventTypes, "target_id", targetId);
    }
}
