package dev.pergola.api.query;

import java.util.Arrays;
import java.util.Optional;

/** Filter operators, as written in {@code filter[field][op]=value}. */
public enum Operator {
    EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"),
    /** Case-insensitive "contains"; {@code %} and {@code _} in the value are literal. */
    LIKE("like"),
    /** Comma-separated values. */
    IN("in"),
    /** Two comma-separated values, both included. */
    BETWEEN("between");

    private final String token;

    Operator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Operator> of(String token) {
        return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
    }
}
