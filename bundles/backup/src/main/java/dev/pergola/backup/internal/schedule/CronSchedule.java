package dev.pergola.backup.internal.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import dev.pergola.api.errors.PergolaException;

/** A UNIX cron expression (5 fields: minute hour day-of-month month day-of-week), evaluated in UTC. */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /** @throws PergolaException VALIDATION_ERROR on field {@code cron} for an expression that does not parse */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw PergolaException.invalid("cron", "is required");
        }
        try {
            return new CronSchedule(expression.trim(), ExecutionTime.forCron(PARSER.parse(expression.trim())));
        } catch (IllegalArgumentException e) {
            throw PergolaException.invalid("cron", "is not a UNIX cron expression (5 fields): " + e.getMessage());
        }
    }

    /** The first run strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    public String expression() {
        return expression;
    }
}
