package dev.pergola.logs.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The five levels a stored entry has, with the number kept beside the name so "WARN or worse" is a range. Log4j's
 * FATAL and OSGi's AUDIT are stored as ERROR: nothing reads them apart.
 */
public enum LogLevel {
    TRACE(1), DEBUG(2), INFO(3), WARN(4), ERROR(5);

    private final int value;

    LogLevel(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** {@code warn}, {@code WARNING}, {@code fatal} … → the level, empty when the name is none of them. */
    public static Optional<LogLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "WARNING" -> Optional.of(WARN);
            case "FATAL", "AUDIT", "SEVERE" -> Optional.of(ERROR);
            default -> Arrays.stream(values()).filter(l -> l.name().equals(n)).findFirst();
        };
    }

    public static LogLevel ofValue(int value) {
        return Arrays.stream(values()).filter(l -> l.value == value).findFirst().orElse(ERROR);
    }
}
