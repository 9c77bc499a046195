package dev.pergola.events.internal.catalogue;

import java.util.Map;

import dev.pergola.api.events.EventType;

/**
 * One entry of {@code GET /api/v1/events/types}.
 *
 * @param source {@code core} for the platform's own types, else the symbolic name of the bundle declaring it
 */
public record EventTypeView(String name, String area, String description, String permission, Map<String, String> data,
        String source) {
    public static final String CORE = "core";

    static EventTypeView of(EventType type, String source) {
        int dot = type.name().indexOf('.');
        return new EventTypeView(type.name(), dot < 0 ? type.name() : type.name().substring(0, dot), type.description(),
                type.permission(), type.data(), source);
    }
}
