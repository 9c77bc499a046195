package dev.pergola.logs.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pergola.logs.internal.store.LogEntry;

/** One entry as the JSON object lists show (snake_case, ISO-8601), for the stream and the downloads. */
final class EntryFields {
    static final List<String> NAMES = List.of("id", "timestamp", "level", "logger", "bundle", "thread", "message",
            "request_id", "has_stack_trace", "stack_trace");

    private EntryFields() {
    }

    static Map<String, Object> of(LogEntry e, boolean withStackTrace) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("timestamp", e.timestamp().toString());
        m.put("level", e.level());
        m.put("logger", e.logger());
        m.put("bundle", e.bundle());
        m.put("thread", e.thread());
        m.put("message", e.message());
        m.put("request_id", e.requestId());
        m.put("has_stack_trace", e.hasStackTrace());
        if (withStackTrace) {
            m.put("stack_trace", e.stackTrace());
        }
        return m;
    }
}
