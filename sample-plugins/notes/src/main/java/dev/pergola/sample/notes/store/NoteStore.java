package dev.pergola.sample.notes.store;

import java.util.Optional;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NoteDto;

/**
 * The only code that reads or writes {@code acme_notes}. Each method is one transaction, committed when it
 * returns, so a caller that posts an event afterwards posts it after the commit.
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

    /** @throws javax.persistence.PersistenceException when the row breaks a constraint (a title taken meanwhile) */
    void insert(NoteDto note);

    /** @return whether a row was deleted */
    boolean delete(String id);
}
