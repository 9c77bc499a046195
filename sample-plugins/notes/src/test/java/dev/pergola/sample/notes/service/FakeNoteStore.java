package dev.pergola.sample.notes.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.PersistenceException;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.store.NoteStore;

/**
 * An in-memory {@link NoteStore}: enough to test the service's rules without a database. {@link #recorded} holds the
 * audit records of the changes it made, as the real store commits them with each change.
 */
final class FakeNoteStore implements NoteStore {
    private final Map<String, NoteDto> rows = new LinkedHashMap<>();
    final List<AuditEntry> recorded = new ArrayList<>();
    /** Thrown by the next insert, as a database would on a constraint violation. */
    PersistenceException failNextInsert;

    @Override
    public PageResult<NoteDto> list(ListQuery query) {
        return new PageResult<>(new ArrayList<>(rows.values()), query.page(), query.perPage(), rows.size());
    }

    @Override
    public Optional<NoteDto> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<NoteDto> findByTitle(String title) {
        return rows.values().stream().filter(n -> n.title().equals(title)).findFirst();
    }

    @Override
    public long count() {
        return rows.size();
    }

    @Override
    public void insert(NoteDto note, AuditEntry record) {
        if (failNextInsert != null) {
            PersistenceException e = failNextInsert;
            failNextInsert = null;
            throw e;
        }
        rows.put(note.id(), note);
        recorded.add(record);
    }

    @Override
    public boolean delete(String id, AuditEntry record) {
        if (rows.remove(id) == null) {
            return false;
        }
        recorded.add(record);
        return true;
    }
}
