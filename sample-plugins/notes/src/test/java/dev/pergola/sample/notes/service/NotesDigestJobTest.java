package dev.pergola.sample.notes.service;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.tasks.JobContext;
import dev.pergola.sample.notes.NewNote;

public class NotesDigestJobTest {
    @Test
    public void reportsHowFullTheNotebookIs() {
        Notes notes = new Notes(new FakeNoteStore(), NotesTest.config(2000, 10));
        notes.create("alice", new NewNote("One", "first"));
        String[] result = new String[1];
        new NotesDigestJob(notes).run(new JobContext() {
            public String taskId() {
                return "notes.digest";
            }

            public Map<String, Object> parameters() {
                return Map.of();
            }

            public String trigger() {
                return "manual";
            }

            public Instant startedAt() {
                return Instant.now();
            }

            public boolean cancelled() {
                return false;
            }

            public void progress(int percent, String step) {
            }

            public void result(String summary) {
                result[0] = summary;
            }
        });
        assertEquals("1 of 10 notes", result[0]);
    }
}
