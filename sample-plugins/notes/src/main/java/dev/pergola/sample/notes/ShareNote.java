package dev.pergola.sample.notes;

/**
 * What a caller sends to email a note: the recipient and, optionally, the language of the mail ({@code es}, {@code
 * en-GB}; the platform's default when absent).
 */
public record ShareNote(String to, String locale) {
}
