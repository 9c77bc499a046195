package dev.pergola.sample.notes.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import dev.pergola.sample.notes.NoteDto;

/** One row of {@code acme_notes}. Never leaves this package: the store hands out {@link NoteDto} records. */
@Entity
@Table(name = "acme_notes")
public class NoteEntity {
    @Id
    String id;
    String title;
    String body;
    String author;
    @Column(name = "created_at")
    Timestamp createdAt;

    public NoteEntity() {
        // for JPA
    }

    NoteEntity(NoteDto note) {
        this.id = note.id();
        this.title = note.title();
        this.body = note.body();
        this.author = note.author();
        this.createdAt = Timestamp.from(note.createdAt());
    }

    NoteDto toDto() {
        return new NoteDto(id, title, body, author, createdAt.toInstant());
    }
}
