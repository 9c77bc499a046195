package dev.pergola.mail.internal;

import dev.pergola.api.security.SecretBox;

/**
 * How message bodies sit in the outbox: sealed with the installation's {@link SecretBox}, bound to the
 * message id and the part, so a reset link in a queued mail is not readable by whoever can read the table.
 * The sender calls {@link #open} right before delivery (and clears the body once sent). Bodies queued
 * before sealing existed are read as they are.
 */
public final class SealedBodies {
    /** Which body of a message. */
    public enum Part {
        TEXT, HTML
    }

    private final SecretBox box;

    public SealedBodies(SecretBox box) {
        this.box = box;
    }

    /** @return the stored form of a body, null for null */
    public String seal(String messageId, Part part, String body) {
        return body == null ? null : box.sealText(body, context(messageId, part));
    }

    /** @return the body as the recipient must see it, null for null */
    public String open(String messageId, Part part, String stored) {
        if (stored == null || !SecretBox.isSealed(stored)) {
            return stored;
        }
        return box.openText(stored, context(messageId, part));
    }

    /** The associated data a body is sealed with: {@code pergola.mail.outbox:<id>:text|html}. */
    public static String context(String messageId, Part part) {
        return "pergola.mail.outbox:" + messageId + ":" + part.name().toLowerCase(java.util.Locale.ROOT);
    }
}
