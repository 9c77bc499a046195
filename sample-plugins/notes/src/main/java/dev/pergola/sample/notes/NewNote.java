package dev.pergola.sample.notes;

/** What a caller sends to create a note; any other JSON field is refused with 422 by the platform. */
public record NewNote(String title, String body) {
}
