package dev.pergola.backup.internal.service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * Posts {@code backup.progress} straight on Event Admin (live streams only: progress is not audited). Sequence 0:
 * the event has no place in the audit chain, so a resumed stream does not replay it.
 */
final class ProgressEvents {
    private ProgressEvents() {
    }

    static void post(EventAdmin events, Progress p, Clock clock) {
        if (events == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("filename", p.filename());
        data.put("operation", p.operation());
        data.put("percent", p.percent());
        data.put("step", p.step());
        data.put("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
        PergolaEvent event = new PergolaEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), 0,
                EventTypes.BACKUP_PROGRESS, clock.instant(), data);
        events.postEvent(new Event(event.topic(), event.toProperties()));
    }
}
