package dev.pergola.identity.internal.rest;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;

/** The one way this API writes a database timestamp: ISO-8601 UTC, to the millisecond, or null. */
final class Timestamps {
    private Timestamps() {
    }

    static String iso(java.time.Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
