package dev.pergola.mail.internal.store;

/**
 * One message leased for one attempt; bodies as stored (sealed). Every outcome is written only while
 * {@code token} still holds the row.
 */
public record Claim(String id, String recipient, String subject, String sealedText, String sealedHtml,
        String category, int attempts, String token) {
}
