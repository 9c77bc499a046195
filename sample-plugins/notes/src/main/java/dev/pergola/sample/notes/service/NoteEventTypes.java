package dev.pergola.sample.notes.service;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.events.EventType;
import dev.pergola.api.events.EventTypeProvider;
import dev.pergola.sample.notes.NoteEvents;

/**
 * Declares the notes event types so that they appear in the platform's catalogue ({@code /api/v1/events/types})
 * with what they mean and who may receive them; the platform finds this service on the whiteboard.
 */
@Component
public class NoteEventTypes implements EventTypeProvider {
    static final List<EventType> TYPES = List.of(
            new EventType(NoteEvents.CREATED, "A note was added; after is the note.", NoteEvents.PERMISSION),
            new EventType(NoteEvents.DELETED, "A note was deleted; before is the note.", NoteEvents.PERMISSION));

    @Override
    public List<EventType> eventTypes() {
        return TYPES;
    }
}
