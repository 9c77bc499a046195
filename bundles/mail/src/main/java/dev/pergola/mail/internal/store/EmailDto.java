package dev.pergola.mail.internal.store;

import java.time.Instant;

/**
 * A queued message as admins see it. {@code text}/{@code html} are filled only for callers allowed to read bodies
 * (they may hold a reset link) and only while the message is not sent (a sent message's bodies are erased).
 */
public record EmailDto(String id, String recipient, String subject, String category, String status, int attempts,
        String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String text, String html) {

    public EmailDto withBodies(String openText, String openHtml) {
        return new EmailDto(id, recipient, subject, category, status, attempts, lastError, createdAt, nextAttemptAt,
                sentAt, openText, openHtml);
    }
}
