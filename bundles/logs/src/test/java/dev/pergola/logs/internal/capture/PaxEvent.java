package dev.pergola.logs.internal.capture;

import java.util.Map;

import org.ops4j.pax.logging.spi.PaxLevel;
import org.ops4j.pax.logging.spi.PaxLocationInfo;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.log.LogLevel;

/** A log event as Pax Logging hands it over, for tests. */
record PaxEvent(LogLevel level, String logger, String message, Map<String, Object> mdc, String[] trace)
        implements PaxLoggingEvent {

    @Override
    public PaxLocationInfo getLocationInformation() {
        return null;
    }

    @Override
    public PaxLevel getLevel() {
        return new PaxLevel() {
            @Override
            public boolean isGreaterOrEqual(PaxLevel r) {
                return level.implies(r.toLevel());
            }

            @Override
            public LogLevel toLevel() {
                return level;
            }

            @Override
            public int getSyslogEquivalent() {
                return 0;
            }
        };
    }

    @Override
    public String getLoggerName() {
        return logger;
    }

    @Override
    public String getFQNOfLoggerClass() {
        return logger;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getRenderedMessage() {
        return message;
    }

    @Override
    public String getThreadName() {
        return Thread.currentThread().getName();
    }

    @Override
    public String[] getThrowableStrRep() {
        return trace;
    }

    @Override
    public boolean locationInformationExists() {
        return false;
    }

    @Override
    public long getTimeStamp() {
        return 1_764_000_000_000L;
    }

    @Override
    public Map<String, Object> getProperties() {
        return mdc;
    }
}
