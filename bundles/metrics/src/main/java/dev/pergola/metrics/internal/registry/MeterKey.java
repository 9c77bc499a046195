package dev.pergola.metrics.internal.registry;

import java.util.regex.Pattern;

import io.micrometer.core.instrument.Tags;

/**
 * A meter's identity as callers of {@code Meters} give it: a validated name and its tags. Two keys with the same name
 * and tags are the same meter, whatever their description or type.
 */
public record MeterKey(String name, Tags tags) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");
    private static final Pattern TAG_KEY = Pattern.compile("[a-z][a-z0-9_]*");

    /** Checks the name and the key/value pairs the way the {@code Meters} contract promises (else IAE). */
    public static MeterKey of(String name, String... tags) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a meter name is lower case, dotted, [a-z][a-z0-9_.]*: " + name);
        }
        if (tags == null || tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags of " + name + " must be key/value pairs (an even count)");
        }
        for (int i = 0; i < tags.length; i += 2) {
            if (tags[i] == null || !TAG_KEY.matcher(tags[i]).matches()) {
                throw new IllegalArgumentException("a tag key of " + name + " is [a-z][a-z0-9_]*: " + tags[i]);
            }
            if (tags[i + 1] == null) {
                throw new IllegalArgumentException("tag " + tags[i] + " of " + name + " has no value");
            }
        }
        return new MeterKey(name, Tags.of(tags));
    }
}
