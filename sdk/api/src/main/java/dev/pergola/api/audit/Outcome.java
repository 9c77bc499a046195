package dev.pergola.api.audit;

import java.util.Locale;

/** How an audited action ended. Written and shown in lower case. */
public enum Outcome {
    /** The change was made. */
    SUCCESS,
    /** The caller was not allowed (403, a refused grant, a wrong password). */
    DENIED,
    /** The change was attempted and failed (a plugin that did not start, a delivery given up). */
    FAILED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome written as {@link #toString()}; unknown names are {@link #FAILED}. */
    public static Outcome of(String name) {
        for (Outcome o : values()) {
            if (o.toString().equals(name)) {
                return o;
            }
        }
        return FAILED;
    }
}
