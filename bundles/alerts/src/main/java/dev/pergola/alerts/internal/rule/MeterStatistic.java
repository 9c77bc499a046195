package dev.pergola.alerts.internal.rule;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.pergola.api.metrics.Statistic;

/**
 * What a {@code metric:} rule reads of its meter: one of {@link Statistic}, or {@code rate}, the per-second increase
 * of a counter (or of a timer's count) between two evaluations.
 */
public enum MeterStatistic {
    VALUE(Statistic.VALUE), RATE(Statistic.VALUE), TOTAL_SECONDS(Statistic.TOTAL_SECONDS),
    MAX_SECONDS(Statistic.MAX_SECONDS), MEAN_SECONDS(Statistic.MEAN_SECONDS);

    private final Statistic read;

    MeterStatistic(Statistic read) {
        this.read = read;
    }

    /** The statistic asked of {@code MetricValues} (a rate reads the count and differentiates it). */
    public Statistic read() {
        return read;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MeterStatistic> parse(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(MeterStatistic::wire).toList();
    }
}
