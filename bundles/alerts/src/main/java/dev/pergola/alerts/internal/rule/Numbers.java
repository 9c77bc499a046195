package dev.pergola.alerts.internal.rule;

import java.math.BigDecimal;

/** How thresholds and observed values are written for people: no exponent, no trailing zeros. */
public final class Numbers {
    private Numbers() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
