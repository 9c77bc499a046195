package dev.pergola.api.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the catalogue.
 *
 * @param name the dotted type, e.g. {@code user.created}
 * @param description what happened, in one sentence
 * @param permission what a caller must hold to receive it (live streams) — the same as to read that area
 * @param data the fields of the event's {@code data} object beyond the common ones ({@code actor}, {@code target},
 *             {@code before}, {@code after}, {@code outcome}), name → meaning
 */
public record EventType(String name, String description, String permission, Map<String, String> data) {
    public EventType {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public EventType(String name, String description, String permission) {
        this(name, description, permission, Map.of());
    }
}
