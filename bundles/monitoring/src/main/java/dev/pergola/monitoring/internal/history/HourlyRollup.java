package dev.pergola.monitoring.internal.history;

import java.util.List;

/** How an hour is made of its minutes: counts add up, peaks keep the worst minute, sizes average. */
final class HourlyRollup {
    private HourlyRollup() {
    }

    static double combine(Series.Kind kind, List<Double> minutes) {
        return switch (kind) {
            case SUM -> minutes.stream().mapToDouble(Double::doubleValue).sum();
            case PEAK -> minutes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            case MEAN -> Math.round(minutes.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)
                    * 100) / 100.0;
        };
    }
}
