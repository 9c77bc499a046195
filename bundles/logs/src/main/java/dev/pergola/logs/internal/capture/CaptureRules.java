package dev.pergola.logs.internal.capture;

import java.util.List;

import dev.pergola.logs.internal.LogLevel;

/**
 * Which events are kept: at or above the capture level, and not from a skipped logger (a logger name equal to a
 * prefix or below it: {@code org.postgresql} skips {@code org.postgresql.core.v3.QueryExecutorImpl}). JDBC drivers
 * and the pool are skipped by default: what they log about the writer's own inserts would feed the store with itself.
 */
public record CaptureRules(LogLevel minimum, List<String> skippedPrefixes) {
    public CaptureRules {
        skippedPrefixes = skippedPrefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    public boolean keeps(LogLevel level, String logger) {
        if (level.value() < minimum.value()) {
            return false;
        }
        if (logger != null) {
            for (String prefix : skippedPrefixes) {
                if (logger.startsWith(prefix)
                        && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.')) {
                    return false;
                }
            }
        }
        return true;
    }
}
