package dev.pergola.api.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.osgi.annotation.versioning.ProviderType;

/** Reads the current value of meters, as the platform collects them (also the JVM's and the platform's own). */
@ProviderType
public interface MetricValues {
    /** A meter as listed for alert rules and dashboards. {@code type}: counter, timer or gauge. */
    record MetricInfo(String name, String type, String description, List<Map<String, String>> series) {
    }

    /**
     * A cumulative latency histogram of a timer: for each bucket's upper bound (seconds, ascending, the last one
     * {@code +Inf} as {@link Double#POSITIVE_INFINITY}) the number of durations at or below it, since start.
     */
    record Histogram(double[] upperBoundsSeconds, long[] cumulativeCounts, long count, double totalSeconds) {
    }

    /**
     * The sum of {@code statistic} over every series of {@code name} whose tags include {@code tags} (empty: all
     * series); for {@link Statistic#MAX_SECONDS} the largest, for {@link Statistic#MEAN_SECONDS} total / count.
     * Empty when no such meter or series exists.
     */
    OptionalDouble value(String name, Statistic statistic, Map<String, String> tags);

    /** The histograms of {@code name}'s series whose tags include {@code tags}, merged. Empty for a non-timer. */
    Optional<Histogram> histogram(String name, Map<String, String> tags);

    /** Every meter now registered, by name. */
    List<MetricInfo> list();
}
