package dev.pergola.logs.internal.capture;

import java.time.Instant;

import dev.pergola.logs.internal.LogLevel;

/**
 * One log event copied out of Pax Logging on the logging thread (its event object may be reused once
 * {@code doAppend} returns), cut to the column sizes so the writer never fails on a long message.
 */
public record CapturedEvent(Instant loggedAt, LogLevel level, String logger, String bundle, String thread,
        String message, String stackTrace, String requestId) {
    public static final int MESSAGE_MAX = 8000;
    public static final int STACK_TRACE_MAX = 65000;
    static final int NAME_MAX = 255;
    static final int REQUEST_ID_MAX = 128;

    public CapturedEvent {
        logger = cut(logger == null || logger.isEmpty() ? "ROOT" : logger, NAME_MAX);
        bundle = cut(bundle, NAME_MAX);
        thread = cut(thread, NAME_MAX);
        message = cut(message == null ? "" : message, MESSAGE_MAX);
        stackTrace = cut(stackTrace, STACK_TRACE_MAX);
        requestId = cut(requestId, REQUEST_ID_MAX);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
