package dev.pergola.sample.notes;

import java.time.Instant;

/**
 * A note as services, REST and the shell see it. The platform's Jackson writes it as
 * {@code {"id", "title", "body", "author", "created_at"}} with an ISO-8601 timestamp.
 */
public record NoteDto(String id, String title, String body, String author, Instant createdAt) {
}
