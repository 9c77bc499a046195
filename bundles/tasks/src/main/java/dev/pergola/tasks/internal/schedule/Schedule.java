package dev.pergola.tasks.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import dev.pergola.api.errors.PergolaException;

/**
 * When a task runs by itself: a UNIX cron expression (5 fields, UTC), a fixed delay after the previous run, or never
 * (on demand only).
 */
public final class Schedule {
    /** Shortest fixed delay: a busier job belongs in a loop of its own. */
    public static final long MIN_INTERVAL_SECONDS = 1;
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    public static final Schedule ON_DEMAND = new Schedule(null, null, 0);

    private final String cron;
    private final ExecutionTime times;
    private final long intervalSeconds;

    private Schedule(String cron, ExecutionTime times, long intervalSeconds) {
        this.cron = cron;
        this.times = times;
        this.intervalSeconds = intervalSeconds;
    }

    /**
     * @throws PergolaException VALIDATION_ERROR when both are given, the cron does not parse or the interval is
     *                          negative
     */
    public static Schedule of(String cron, long intervalSeconds) {
        boolean hasCron = cron != null && !cron.isBlank();
        if (intervalSeconds < 0) {
            throw PergolaException.invalid("interval_seconds", "must not be negative");
        }
        if (hasCron && intervalSeconds > 0) {
            throw PergolaException.invalid("cron", "and interval_seconds exclude each other: give one of them");
        }
        if (hasCron) {
            try {
                String expression = cron.trim();
                return new Schedule(expression, ExecutionTime.forCron(PARSER.parse(expression)), 0);
            } catch (IllegalArgumentException e) {
                throw PergolaException.invalid("cron", "is not a UNIX cron expression (5 fields): " + e.getMessage());
            }
        }
        return intervalSeconds > 0 ? new Schedule(null, null, Math.max(MIN_INTERVAL_SECONDS, intervalSeconds))
                : ON_DEMAND;
    }

    /**
     * The next time to run. Cron: the first slot strictly after {@code after}. Interval: {@code interval} after the
     * previous run ended ({@code lastEnd}), or after {@code after} when it never ran.
     */
    public Optional<Instant> next(Instant after, Instant lastEnd) {
        if (times != null) {
            return times.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
        }
        if (intervalSeconds > 0) {
            return Optional.of((lastEnd != null ? lastEnd : after).plus(Duration.ofSeconds(intervalSeconds)));
        }
        return Optional.empty();
    }

    /** The cron expression, or null. */
    public String cron() {
        return cron;
    }

    /** The fixed delay in seconds, or 0. */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    public boolean onDemand() {
        return cron == null && intervalSeconds == 0;
    }

    @Override
    public String toString() {
        return cron != null ? "cron " + cron : intervalSeconds > 0 ? "every " + intervalSeconds + " s" : "on demand";
    }
}
