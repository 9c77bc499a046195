package dev.pergola.api.events;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The sealed events in order: what a consumer that must lose nothing (webhooks, a resumed stream) reads from, keeping
 * its own cursor, the last {@link PergolaEvent#sequence()} it handled.
 */
@ProviderType
public interface EventLog {
    /** Up to {@code limit} events with a sequence above {@code sequence}, oldest first. */
    List<PergolaEvent> after(long sequence, int limit);

    /** The sequence of the newest sealed event; 0 when there is none. */
    long lastSequence();
}
