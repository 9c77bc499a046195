package dev.pergola.logs.internal.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.logs.internal.LogLevel;
import dev.pergola.logs.internal.store.LogEntry;
import dev.pergola.api.query.SqlListQuery;

/**
 * The log endpoints' own query parameters, beside the shared {@code filter[…]} language: {@code level=WARN,ERROR},
 * {@code min_level=WARN}, {@code logger=dev.pergola} (that logger and those below it), {@code bundle},
 * {@code request_id}, {@code from}/{@code to} (ISO-8601 instant or date), {@code date=2026-11-30} (that UTC day) and
 * {@code search} (text in the message). The live tail applies the same criteria to each new entry.
 */
public record LogCriteria(Set<String> levels, LogLevel minLevel, String logger, String bundle, String requestId,
        Instant from, Instant to, String search) {
    static final int MAX_TEXT = 255;

    /** Dates outside years 1–9999 are refused: JDBC timestamps cannot hold them. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public static final LogCriteria NONE = new LogCriteria(Set.of(), null, null, null, null, null, null, null);

    public static LogCriteria parse(Map<String, List<String>> params) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> levels = new TreeSet<>();
        String levelParam = single(params, "level");
        if (levelParam != null) {
            for (String name : levelParam.split(",")) {
                LogLevel.parse(name).ifPresentOrElse(l -> levels.add(l.name()),
                        () -> problem(problems, "level", "one or more of TRACE, DEBUG, INFO, WARN, ERROR"));
            }
        }
        String min = single(params, "min_level");
        LogLevel minLevel = min == null ? null : LogLevel.parse(min).orElse(null);
        if (min != null && minLevel == null) {
            problem(problems, "min_level", "one of TRACE, DEBUG, INFO, WARN, ERROR");
        }
        Instant from = instant(params, "from", false, problems);
        Instant to = instant(params, "to", true, problems);
        String date = single(params, "date");
        if (date != null) {
            try {
                Instant day = bounded(LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant());
                from = from == null || day.isAfter(from) ? day : from;
                Instant end = day.plus(1, ChronoUnit.DAYS);
                to = to == null || end.isBefore(to) ? end : to;
            } catch (DateTimeParseException e) {
                problem(problems, "date", "a date such as 2026-11-30");
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            problem(problems, "from", "must not be after to");
        }
        LogCriteria c = new LogCriteria(levels, minLevel, text(params, "logger", problems),
                text(params, "bundle", problems), text(params, "request_id", problems), from, to,
                text(params, "search", problems));
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        return c;
    }

    /** Adds these criteria to {@code where}; {@code search} only when the list language did not take it already. */
    public SqlListQuery applyTo(SqlListQuery where, boolean withSearch) {
        if (!levels.isEmpty()) {
            where.in("level", new ArrayList<>(levels));
        }
        if (minLevel != null) {
            where.and("level_value >= ?", minLevel.value());
        }
        if (logger != null) {
            String children = logger.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%";
            where.and("(logger = ? OR logger LIKE ? ESCAPE '\\')", logger, children);
        }
        if (bundle != null) {
            where.and("bundle = ?", bundle);
        }
        if (requestId != null) {
            where.and("request_id = ?", requestId);
        }
        if (from != null) {
            where.and("logged_at >= ?", from);
        }
        if (to != null) {
            where.and("logged_at < ?", to);
        }
        if (withSearch && search != null) {
            where.containsText("message", search);
        }
        return where;
    }

    public boolean matches(LogEntry e) {
        return (levels.isEmpty() || levels.contains(e.level()))
                && (minLevel == null || LogLevel.parse(e.level()).map(l -> l.value() >= minLevel.value()).orElse(true))
                && (logger == null || e.logger().equals(logger) || e.logger().startsWith(logger + "."))
                && (bundle == null || bundle.equals(e.bundle()))
                && (requestId == null || requestId.equals(e.requestId()))
                && (from == null || !e.timestamp().isBefore(from))
                && (to == null || e.timestamp().isBefore(to))
                && (search == null || e.message().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)));
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(v.size() - 1).isBlank() ? null : v.get(v.size() - 1).strip();
    }

    private static String text(Map<String, List<String>> params, String name, Map<String, List<String>> problems) {
        String v = single(params, name);
        if (v != null && v.length() > MAX_TEXT) {
            problem(problems, name, "at most " + MAX_TEXT + " characters");
            return null;
        }
        return v;
    }

    /** An instant, or a date: its start ({@code from}) or the start of the next day ({@code to}, exclusive). */
    private static Instant instant(Map<String, List<String>> params, String name, boolean end,
            Map<String, List<String>> problems) {
        String v = single(params, name);
        if (v == null) {
            return null;
        }
        try {
            return bounded(Instant.parse(v));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(v);
                return bounded((end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException | ArithmeticException e) {
                problem(problems, name, "an ISO-8601 instant (2026-11-30T12:00:00Z) or date (2026-11-30)");
                return null;
            }
        }
    }

    /** @throws DateTimeParseException outside years 1–9999 (reported like any unreadable date) */
    public static Instant bounded(Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new DateTimeParseException("out of range", instant.toString(), 0);
        }
        return instant;
    }

    private static void problem(Map<String, List<String>> problems, String name, String text) {
        List<String> list = problems.computeIfAbsent(name, k -> new ArrayList<>());
        if (!list.contains(text)) {
            list.add(text);
        }
    }
}
