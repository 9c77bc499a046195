package dev.pergola.api.events;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A plugin's own event types, registered as a service so that they are listed at {@code /api/v1/events/types}. */
@ConsumerType
public interface EventTypeProvider {
    List<EventType> eventTypes();
}
