package dev.pergola.alerts.internal.rule;

import java.util.Locale;
import java.util.Optional;

/** A rule's comparison of the observed value with its threshold; written as a symbol or as its short name. */
public enum Operator {
    GT(">", "gt"), GTE(">=", "gte"), LT("<", "lt"), LTE("<=", "lte"), EQ("==", "eq"), NE("!=", "ne");

    private final String symbol;
    private final String word;

    Operator(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code >}, {@code gt}, {@code GT} alike; empty for anything else. */
    public static Optional<Operator> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Operator o : values()) {
            if (o.symbol.equals(t) || o.word.equals(t)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GTE -> value >= threshold;
            case LT -> value < threshold;
            case LTE -> value <= threshold;
            case EQ -> Double.compare(value, threshold) == 0;
            case NE -> Double.compare(value, threshold) != 0;
        };
    }
}
