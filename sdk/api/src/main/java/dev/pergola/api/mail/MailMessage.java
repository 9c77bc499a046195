package dev.pergola.api.mail;

import java.util.Objects;

/**
 * One email to one recipient. {@code html} is optional; {@code text} is always sent so every client can read it.
 * {@code category} groups messages in the queue (e.g. {@code auth.password-reset}).
 */
public record MailMessage(String to, String subject, String text, String html, String category) {
    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (to.isBlank() || to.indexOf('@') < 1) {
            throw new IllegalArgumentException("Not an email address: " + to);
        }
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A subject is one line");
        }
    }

    /** A plain-text message. */
    public static MailMessage text(String to, String subject, String text, String category) {
        return new MailMessage(to, subject, text, null, category);
    }
}
