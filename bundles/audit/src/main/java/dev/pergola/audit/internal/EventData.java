package dev.pergola.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pergola.api.events.PergolaEvent;

/**
 * A sealed record as the platform event of the same name: {@code data} = {@code actor}, {@code target},
 * {@code outcome}, {@code before}/{@code after} where present, then the record's details.
 */
public final class EventData {
    private final AuditJson json;

    public EventData(AuditJson json) {
        this.json = json;
    }

    public PergolaEvent event(AuditRow row) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", row.actorType());
        actor.put("id", row.actorId());
        putIfSet(actor, "name", row.actorName());
        data.put("actor", actor);
        if (row.targetType() != null || row.targetId() != null) {
            Map<String, Object> target = new LinkedHashMap<>();
            putIfSet(target, "type", row.targetType());
            putIfSet(target, "id", row.targetId());
            putIfSet(target, "name", row.targetName());
            data.put("target", target);
        }
        data.put("outcome", row.outcome());
        putIfSet(data, "before", json.read(row.beforeJson()));
        putIfSet(data, "after", json.read(row.afterJson()));
        json.readObject(row.detailsJson()).forEach(data::putIfAbsent); // a detail never hides the fields above
        return new PergolaEvent(row.id(), row.seq() == null ? 0 : row.seq(), row.action(), row.occurredAt(), data);
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
