package dev.pergola.monitoring.internal.history;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pergola.api.errors.PergolaException;

/**
 * A validated history request. {@code series}: comma-separated ids (required); {@code from}/{@code to}: ISO-8601
 * instants (default: the last hour at 1m, the last day at 1h); {@code step}: {@code 1m} or {@code 1h} (default 1m
 * when the range is at most a day). At most {@value #MAX_POINTS} buckets per series.
 */
record HistoryQuery(List<Series> series, Instant from, Instant to, String step) {
    static final int MAX_POINTS = 1500;
    /** Instants the database's TIMESTAMP and the arithmetic below both take (Instant.parse accepts year ±10⁹). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    static HistoryQuery parse(String series, String from, String to, String step, Instant now) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<Series> chosen = series(series, problems);
        Instant end = instant("to", to, problems);
        Instant start = instant("from", from, problems);
        if (step != null && !step.isBlank() && !step.equals(SampleStore.MINUTE) && !step.equals(SampleStore.HOUR)) {
            problems.computeIfAbsent("step", k -> new ArrayList<>()).add("must be 1m or 1h");
        }
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        Instant until = end != null ? end : now;
        String resolution = step != null && !step.isBlank() ? step
                : start == null || Duration.between(start, until).compareTo(Duration.ofDays(1)) <= 0
                        ? SampleStore.MINUTE : SampleStore.HOUR;
        Duration bucket = resolution.equals(SampleStore.MINUTE) ? Duration.ofMinutes(1) : Duration.ofHours(1);
        Instant since = start != null ? start : until.minus(bucket.multipliedBy(resolution.equals(SampleStore.MINUTE) ? 60 : 24));
        if (!since.isBefore(until)) {
            throw PergolaException.invalid("from", "must be before to");
        }
        long points = Duration.between(since, until).dividedBy(bucket) + 1;
        if (points > MAX_POINTS) {
            throw PergolaException.invalid("to", "the range holds " + points + " buckets of " + resolution
                    + "; at most " + MAX_POINTS + " (use step=1h or a shorter range)");
        }
        // a bucket is named by its start: include the one that holds 'from'
        ChronoUnit unit = resolution.equals(SampleStore.MINUTE) ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
        return new HistoryQuery(chosen, since.truncatedTo(unit), until, resolution);
    }

    private static List<Series> series(String value, Map<String, List<String>> problems) {
        if (value == null || value.isBlank()) {
            problems.put("series", List.of("is required: one or more of " + String.join(", ", Series.ids())));
            return List.of();
        }
        Set<Series> chosen = new LinkedHashSet<>();
        for (String id : value.split(",")) {
            Series.byId(id.strip()).ifPresentOrElse(chosen::add, () -> problems
                    .computeIfAbsent("series", k -> new ArrayList<>())
                    .add("unknown series '" + clip(id.strip()) + "'; known: " + String.join(", ", Series.ids())));
        }
        return List.copyOf(chosen);
    }

    private static Instant instant(String field, String value, Map<String, List<String>> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value.strip());
            if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                problems.put(field, List.of("must lie between " + EARLIEST + " and " + LATEST));
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            problems.put(field, List.of("must be an ISO-8601 UTC instant such as 2026-11-30T05:00:00Z"));
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
