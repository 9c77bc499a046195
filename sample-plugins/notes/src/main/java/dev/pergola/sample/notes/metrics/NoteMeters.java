package dev.pergola.sample.notes.metrics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.Meters;
import dev.pergola.sample.notes.NoteEvents;

/**
 * {@code notes.changes{change=created|deleted}} (Prometheus: {@code notes_changes_total}), counted from the plugin's
 * own events once they are committed. A component of its own, so the notes service never needs the metrics bundle;
 * the platform removes the meter when the plugin stops (Meters is bundle-scoped).
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + EventTypes.TOPIC_PREFIX + "notes/note/*")
public class NoteMeters implements EventHandler {
    private final Counter created;
    private final Counter deleted;

    @Activate
    public NoteMeters(@Reference Meters meters) {
        created = meters.counter("notes.changes", "Notes created or deleted", "change", "created");
        deleted = meters.counter("notes.changes", "Notes created or deleted", "change", "deleted");
    }

    @Override
    public void handleEvent(Event event) {
        Object type = event.getProperty(PergolaEvent.TYPE);
        if (NoteEvents.CREATED.equals(type)) {
            created.increment();
        } else if (NoteEvents.DELETED.equals(type)) {
            deleted.increment();
        }
    }
}
