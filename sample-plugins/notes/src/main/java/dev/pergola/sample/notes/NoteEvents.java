package dev.pergola.sample.notes;

/**
 * Event Admin topics the notes service posts after each change has been committed. Every event carries
 * {@link #ACTOR} (who did it), {@link #ID} and {@link #TITLE} of the note, and {@link #TIMESTAMP} (ISO-8601).
 */
public final class NoteEvents {
    public static final String TOPIC_PREFIX = "acme/notes/";
    public static final String CREATED = TOPIC_PREFIX + "CREATED";
    public static final String DELETED = TOPIC_PREFIX + "DELETED";
    /** Every notes topic, for an {@code event.topics} property. */
    public static final String ALL = TOPIC_PREFIX + "*";

    public static final String ACTOR = "actor";
    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String TIMESTAMP = "timestamp";

    private NoteEvents() {
    }
}
