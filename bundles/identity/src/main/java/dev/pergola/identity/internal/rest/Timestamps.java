package dev.pergola.identity.internal.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one precision this API shows a database timestamp at: ISO-8601 UTC, to the millisecond, or null. */
final class Timestamps {
    private Timestamps() {
    }

    /** For view records: the JSON provider writes the {@code Instant} as ISO-8601. */
    static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    static String iso(Instant t) {
        return t == null ? null : millis(t).toString();
    }
}
