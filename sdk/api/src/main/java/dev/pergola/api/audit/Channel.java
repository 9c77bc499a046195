package dev.pergola.api.audit;

import java.util.Locale;

/** How a change reached the platform. Written and shown in lower case ({@code rest}, {@code shell}, …). */
public enum Channel {
    /** The REST API, whatever the client (admin UI included). */
    REST,
    /** A Karaf shell command (local console, SSH, {@code bin/client}). */
    SHELL,
    /** The Karaf web console. */
    WEB_CONSOLE,
    /** The platform itself: boot, reconciliation, scheduled jobs, retention. */
    SYSTEM;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel written as {@link #toString()}; unknown names are {@link #SYSTEM}. */
    public static Channel of(String name) {
        for (Channel c : values()) {
            if (c.toString().equals(name)) {
                return c;
            }
        }
        return SYSTEM;
    }
}
