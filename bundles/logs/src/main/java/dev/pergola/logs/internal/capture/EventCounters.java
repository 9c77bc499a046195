package dev.pergola.logs.internal.capture;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.Meters;
import dev.pergola.logs.internal.store.LogEntry;

/**
 * {@code pergola.logs.events{level}} and {@code pergola.logs.dropped}, when a {@link Meters} service is there: without
 * the metrics bundle, capture runs the same and counts nothing.
 */
final class EventCounters {
    static final String EVENTS = "pergola.logs.events";
    static final String DROPPED = "pergola.logs.dropped";

    private final Meters meters;
    private final Map<String, Counter> byLevel = new ConcurrentHashMap<>();
    private final Counter dropped;
    private long droppedSeen;

    EventCounters(Meters meters) {
        this.meters = meters;
        this.dropped = meters.counter(DROPPED, "Log events not stored: queue full or the database failed");
    }

    void captured(List<LogEntry> batch) {
        Map<String, Long> counts = batch.stream()
                .collect(Collectors.groupingBy(LogEntry::level, Collectors.counting()));
        counts.forEach((level, n) -> byLevel.computeIfAbsent(level,
                l -> meters.counter(EVENTS, "Log events captured, by level", "level", l)).increment(n));
    }

    /** Brings the dropped counter up to {@code total} (the capture's own running count). */
    synchronized void droppedTotal(long total) {
        if (total > droppedSeen) {
            dropped.increment(total - droppedSeen);
            droppedSeen = total;
        }
    }
}
