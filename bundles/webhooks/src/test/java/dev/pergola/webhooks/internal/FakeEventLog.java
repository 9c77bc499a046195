package dev.pergola.webhooks.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pergola.api.events.EventLog;
import dev.pergola.api.events.PergolaEvent;

/** An in-memory event log: what the audit bundle's sealer would have sealed, in order. */
public final class FakeEventLog implements EventLog {
    private final List<PergolaEvent> events = new ArrayList<>();

    public synchronized PergolaEvent add(String type, Map<String, Object> data) {
        PergolaEvent e = new PergolaEvent(Ids.event(), events.size() + 1L, type, Instant.parse("2026-11-29T10:00:00Z")
                .plusSeconds(events.size()), data);
        events.add(e);
        return e;
    }

    @Override
    public synchronized List<PergolaEvent> after(long sequence, int limit) {
        return events.stream().filter(e -> e.sequence() > sequence).limit(limit).toList();
    }

    @Override
    public synchronized long lastSequence() {
        return events.size();
    }
}
