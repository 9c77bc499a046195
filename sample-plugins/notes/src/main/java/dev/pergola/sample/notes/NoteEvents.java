package dev.pergola.sample.notes;

/**
 * The event types of the notes plugin: {@code <plugin slug>.<thing>.<what happened>}, dotted, lower case. The notes
 * service records each change in the audit trail under one of these types, in the change's transaction; once
 * committed the platform announces it as an event of that type (Event Admin topic {@code dev/pergola/notes/note/created},
 * webhooks, live streams). Every event's {@code data} has the platform's {@code actor}, {@code target}
 * ({@code note}, its id and title) and {@code outcome}, plus {@code after} (created) or {@code before} (deleted): the
 * note as {@link NoteDto}. {@code service/NoteEventTypes} lists them in the catalogue ({@code /api/v1/events/types}).
 */
public final class NoteEvents {
    public static final String CREATED = "notes.note.created";
    public static final String DELETED = "notes.note.deleted";
    /** The target type of every notes record. */
    public static final String TARGET = "note";
    /** Who may see these events on the live streams: whoever may read notes. */
    public static final String PERMISSION = "acme.notes.view";

    private NoteEvents() {
    }
}
