package dev.pergola.sample.notes.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.util.List;

import javax.persistence.PersistenceException;

import org.junit.Test;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventType;
import dev.pergola.sample.notes.NewNote;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.NoteEvents;

/** The notes rules against an in-memory store: validation, conflicts, limits that change at run time, audit records. */
public class NotesTest {
    private final FakeNoteStore store = new FakeNoteStore();
    private final List<AuditEntry> recorded = store.recorded;
    private final Notes notes = new Notes(store, config(2000, 1000));

    @Test
    public void createsANoteAndRecordsItWithTheChange() {
        NoteDto note = notes.create("alice", new NewNote("  Groceries ", "milk, eggs"));
        assertEquals("Groceries", note.title());
        assertEquals("alice", note.author());
        assertEquals(note, notes.get(note.id()));
        assertEquals(1, recorded.size());
        AuditEntry created = recorded.get(0);
        assertEquals(NoteEvents.CREATED, created.action());
        assertEquals(Outcome.SUCCESS, created.outcome());
        assertEquals(NoteEvents.TARGET, created.targetType());
        assertEquals(note.id(), created.targetId());
        assertEquals("Groceries", created.targetName());
        assertNull(created.before());
        assertEquals(note, created.after());
        assertNull("the actor is the origin the platform bound (REST caller, shell operator)", created.actor());
    }

    @Test
    public void namesEveryInvalidField() {
        PergolaException e = refused(() -> notes.create("alice", new NewNote(" ", null)), PergolaException.VALIDATION);
        assertEquals(List.of("is required"), e.details().get("title"));
        assertEquals(List.of("is required"), e.details().get("body"));
        e = refused(() -> notes.create("alice", new NewNote("t".repeat(201), "ok")), PergolaException.VALIDATION);
        assertEquals(List.of("at most 200 characters"), e.details().get("title"));
        refused(() -> notes.create("alice", null), PergolaException.VALIDATION);
        assertEquals(0, store.count());
        assertEquals(List.of(), recorded);
    }

    @Test
    public void aChangedBodyLimitAppliesWithoutRestart() {
        notes.create("alice", new NewNote("a", "x".repeat(20)));
        notes.configure(config(10, 1000));
        PergolaException e = refused(() -> notes.create("alice", new NewNote("b", "x".repeat(20))),
                PergolaException.VALIDATION);
        assertEquals(List.of("at most 10 characters"), e.details().get("body"));
        notes.create("alice", new NewNote("b", "x".repeat(10)));
        assertEquals(2, store.count());
    }

    @Test
    public void aTakenTitleIsAConflict() {
        notes.create("alice", new NewNote("Plan", "one"));
        refused(() -> notes.create("bob", new NewNote("Plan", "two")), PergolaException.CONFLICT);
        assertEquals(1, store.count());
        assertEquals(1, recorded.size());
    }

    @Test
    public void aTitleTakenByAnotherNodeMeanwhileIsAConflictToo() {
        store.failNextInsert = new PersistenceException("unique constraint uq_acme_notes_title");
        refused(() -> notes.create("alice", new NewNote("Plan", "one")), PergolaException.CONFLICT);
        assertEquals("nothing committed, nothing recorded", List.of(), recorded);
    }

    @Test
    public void aFullNotebookRefusesMoreAndTheHealthCheckWarns() {
        notes.configure(config(2000, 10));
        for (int i = 0; i < 9; i++) {
            notes.create("alice", new NewNote("n" + i, "x"));
        }
        NotesHealthCheck health = new NotesHealthCheck(notes);
        assertEquals("WARN", health.check().status().name());
        assertEquals("9 of 10 notes", health.check().message());
        notes.create("alice", new NewNote("n9", "x"));
        PergolaException e = refused(() -> notes.create("alice", new NewNote("n10", "x")), PergolaException.CONFLICT);
        assertTrue(e.getMessage(), e.getMessage().contains("10 notes"));
        notes.configure(config(2000, 100));
        assertEquals("UP", health.check().status().name());
    }

    @Test
    public void aMissingNoteIsNotFoundAndDeletingRecordsTheNoteAsItWas() {
        refused(() -> notes.get("nope"), PergolaException.NOT_FOUND);
        refused(() -> notes.delete("nope"), PergolaException.NOT_FOUND);
        NoteDto note = notes.create("alice", new NewNote("Plan", "one"));
        notes.delete(note.id());
        assertEquals(0, store.count());
        assertEquals("one record per change", 2, recorded.size());
        AuditEntry deleted = recorded.get(1);
        assertEquals(NoteEvents.DELETED, deleted.action());
        assertEquals(note.id(), deleted.targetId());
        assertEquals("Plan", deleted.targetName());
        assertEquals(note, deleted.before());
        assertNull(deleted.after());
    }

    @Test
    public void everyTypeTheServiceRecordsIsDeclaredForTheCatalogue() {
        NoteDto note = notes.create("alice", new NewNote("Plan", "one"));
        notes.delete(note.id());
        List<String> declared = new NoteEventTypes().eventTypes().stream().map(EventType::name).toList();
        for (AuditEntry e : recorded) {
            assertTrue(e.action() + " is declared", declared.contains(e.action()));
            assertTrue(e.action() + " is a valid audit action", AuditEntry.ACTION.matcher(e.action()).matches());
        }
        assertTrue(new NoteEventTypes().eventTypes().stream().allMatch(t -> NoteEvents.PERMISSION.equals(t.permission())));
    }

    private static PergolaException refused(Runnable call, String code) {
        try {
            call.run();
        } catch (PergolaException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    static NotesConfig config(int maxBodyLength, int maxNotes) {
        return new NotesConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NotesConfig.class;
            }

            @Override
            public int max_body_length() {
                return maxBodyLength;
            }

            @Override
            public int max_notes() {
                return maxNotes;
            }
        };
    }
}
