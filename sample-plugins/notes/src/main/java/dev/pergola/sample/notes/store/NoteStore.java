package dev.pergola.sample.notes.store;

import java.util.Optional;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NoteDto;

/**
 * The only code that reads or writes {@code acme_notes}. Each method is one transaction, committed when it
 * returns; a change is written together with its audit record, in that transaction, so the record (and the event
 * the platform posts from it) exists exactly when the change does.
 */
public interface NoteStore {
    /** What list endpoints may page, sort, filter and search: API names mapped to the entity's attributes. */
    ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.UUID).filterable()
            .field("title", "title", FieldType.STRING).sortable().filterable().searchable()
            .field("body", "body", FieldType.STRING).searchable()
            .field("author", "author", FieldType.STRING).sortable().filterable()
            .field("created_at", "createdAt", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-created_at")
            .build();

    PageResult<NoteDto> list(ListQuery query);

    Optional<NoteDto> find(String id);

    Optional<NoteDto> findByTitle(String title);

    long count();

    /**
     * Inserts the note and writes {@code record} in the same transaction.
     *
     * @throws javax.persistence.PersistenceException when the row breaks a constraint (a title taken meanwhile)
     * @throws dev.pergola.api.errors.PergolaException SERVICE_UNAVAILABLE when the record cannot be written (then
     *                                                 the note is not stored either)
     */
    void insert(NoteDto note, AuditEntry record);

    /**
     * Deletes the note and, if there was one, writes {@code record} in the same transaction.
     *
     * @return whether a row was deleted (nothing is recorded when none was)
     */
    boolean delete(String id, AuditEntry record);
}
