package dev.pergola.mail.internal.delivery;

/**
 * What one SMTP attempt did. {@code RETRY} and {@code REFUSED} are certain the message was not accepted;
 * {@code UNKNOWN} means the connection failed while the message may already have been accepted.
 */
public record Attempt(Kind kind, String error) {
    public enum Kind {
        SENT, RETRY, REFUSED, UNKNOWN
    }

    static final Attempt SENT = new Attempt(Kind.SENT, null);

    static Attempt retry(String error) {
        return new Attempt(Kind.RETRY, error);
    }

    static Attempt refused(String error) {
        return new Attempt(Kind.REFUSED, error);
    }

    static Attempt unknown(String error) {
        return new Attempt(Kind.UNKNOWN, error);
    }
}
