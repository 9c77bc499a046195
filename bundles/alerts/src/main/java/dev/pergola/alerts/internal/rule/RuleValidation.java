package dev.pergola.alerts.internal.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pergola.api.errors.PergolaException;

/**
 * What a valid rule is. {@link #check} reports every problem at once (422 with details per field) or returns the
 * rule's clean values. Lists are stored comma-separated, so no item may hold a comma.
 */
public final class RuleValidation {
    public static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_TAGS = 10;
    static final int MAX_FOR_SECONDS = 7 * 24 * 3600;
    static final int MAX_REPEAT_SECONDS = 30 * 24 * 3600;
    static final int MAX_EMAILS = 10;
    static final int MAX_WEBHOOKS = 20;
    private static final Pattern TAG_KEY = Pattern.compile("[a-z][a-z0-9_.]{0,62}");
    private static final Pattern TAG_VALUE = Pattern.compile("[^,=\\s]{1,200}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]{1,64}@[^@\\s,]{1,255}");
    private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A rule's values once checked: ready to store. */
    public record Valid(String name, String description, MetricType metric, Map<String, String> tags,
            MeterStatistic statistic, Operator operator, double threshold, int forSeconds, String severity,
            boolean enabled, Channels channels, int repeatIntervalSeconds) {
    }

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    public static Valid check(RuleInput in) {
        return new RuleValidation().run(in);
    }

    private Valid run(RuleInput in) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            add("name", "is required, at most " + MAX_NAME + " characters");
        }
        String description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            add("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        MetricType metric = MetricType.parse(in.metricType()).orElse(null);
        if (metric == null) {
            add("metric_type", "one of " + String.join(", ", MetricType.ALIASES)
                    + ", metric:<meter name> or health:<check name>");
        }
        boolean meter = metric != null && metric.kind() == MetricType.Kind.METRIC;
        Map<String, String> tags = tags(in.tags(), meter);
        MeterStatistic statistic = MeterStatistic.VALUE;
        if (in.statistic() != null) {
            statistic = MeterStatistic.parse(in.statistic()).orElse(null);
            if (statistic == null) {
                add("statistic", "one of " + String.join(", ", MeterStatistic.names()));
            } else if (!meter && statistic != MeterStatistic.VALUE) {
                add("statistic", "applies to metric:<meter name> types only");
            }
        }
        Operator operator = Operator.parse(in.condition()).orElse(null);
        if (operator == null) {
            add("condition", "one of >, >=, <, <=, ==, != (or gt, gte, lt, lte, eq, ne)");
        }
        if (in.threshold() == null || in.threshold().isNaN() || in.threshold().isInfinite()) {
            add("threshold", "is required, a finite number");
        }
        int forSeconds = range("for_seconds", in.forSeconds(), MAX_FOR_SECONDS);
        String severity = in.severity() == null ? "warning" : in.severity().strip();
        if (!SEVERITIES.contains(severity)) {
            add("severity", "one of critical, warning, info");
        }
        Channels channels = in.channels() == null ? Channels.NONE : in.channels();
        List<String> emails = items("channels.emails", channels.emails(), EMAIL, MAX_EMAILS, "an email address");
        List<String> hooks = items("channels.webhook_ids", channels.webhookIds(), WEBHOOK_ID, MAX_WEBHOOKS,
                "a webhook subscription id");
        int repeat = range("repeat_interval_seconds", in.repeatIntervalSeconds(), MAX_REPEAT_SECONDS);
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        return new Valid(name, description, metric, tags, statistic, operator, in.threshold(), forSeconds, severity,
                in.enabled() == null || in.enabled(), new Channels(emails, hooks), repeat);
    }

    private Map<String, String> tags(Map<String, String> tags, boolean meter) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        if (!meter) {
            add("tags", "apply to metric:<meter name> types only");
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            add("tags", "at most " + MAX_TAGS);
        }
        Map<String, String> clean = new java.util.TreeMap<>();
        tags.forEach((k, v) -> {
            if (k == null || !TAG_KEY.matcher(k).matches() || v == null || !TAG_VALUE.matcher(v).matches()) {
                add("tags", "'" + k + "': a lower-case key and a value without spaces, commas or '='");
            } else {
                clean.put(k, v);
            }
        });
        return clean;
    }

    private int range(String field, Integer value, int max) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > max) {
            add(field, "between 0 and " + max + " seconds");
        }
        return value;
    }

    private List<String> items(String field, List<String> given, Pattern form, int max, String what) {
        List<String> clean = new ArrayList<>();
        for (String item : given) {
            String s = item == null ? "" : item.strip();
            if (!form.matcher(s).matches()) {
                add(field, "'" + s + "' is not " + what);
            } else if (!clean.contains(s)) {
                clean.add(s);
            }
        }
        if (clean.size() > max) {
            add(field, "at most " + max);
        }
        return clean;
    }

    private void add(String field, String problem) {
        problems.computeIfAbsent(field, k -> new ArrayList<>()).add(problem);
    }
}
