package dev.pergola.logs.internal.store;

import java.time.Instant;

/**
 * One stored log event as lists, downloads and the live tail show it. {@code stack_trace} is filled only when one entry
 * is read ({@code GET /api/v1/logs/{id}}) or downloaded; lists say whether there is one.
 */
public record LogEntry(long id, Instant timestamp, String level, String logger, String bundle, String thread,
        String message, String requestId, boolean hasStackTrace, String stackTrace) {

    public LogEntry withoutStackTrace() {
        return stackTrace == null ? this
                : new LogEntry(id, timestamp, level, logger, bundle, thread, message, requestId, hasStackTrace, null);
    }
}
