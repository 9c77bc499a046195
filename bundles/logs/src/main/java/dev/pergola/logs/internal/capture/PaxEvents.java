package dev.pergola.logs.internal.capture;

import java.time.Instant;
import java.util.Map;

import org.ops4j.pax.logging.spi.PaxLoggingEvent;

import dev.pergola.logs.internal.LogLevel;

/** Reads what the store keeps out of a Pax Logging event: the MDC gives the bundle and the request id. */
final class PaxEvents {
    /** Pax Logging puts the logging bundle's symbolic name in the MDC under this key. */
    static final String BUNDLE_KEY = "bundle.name";
    /** The rest bundle's RequestIdFilter puts the request id here for the request's thread. */
    static final String REQUEST_ID_KEY = "request_id";

    private PaxEvents() {
    }

    static LogLevel level(PaxLoggingEvent event) {
        return LogLevel.parse(event.getLevel().toLevel().name()).orElse(LogLevel.ERROR);
    }

    static CapturedEvent copy(PaxLoggingEvent event, LogLevel level) {
        Map<String, Object> mdc = event.getProperties();
        String[] trace = event.getThrowableStrRep();
        return new CapturedEvent(Instant.ofEpochMilli(event.getTimeStamp()), level, event.getLoggerName(),
                text(mdc, BUNDLE_KEY), event.getThreadName(), event.getRenderedMessage(),
                trace == null || trace.length == 0 ? null : String.join("\n", trace), text(mdc, REQUEST_ID_KEY));
    }

    private static String text(Map<String, Object> mdc, String key) {
        Object v = mdc == null ? null : mdc.get(key);
        return v == null ? null : v.toString();
    }
}
