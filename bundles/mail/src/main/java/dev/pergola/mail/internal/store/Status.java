package dev.pergola.mail.internal.store;

import java.util.List;

/** The states of a queued message (column {@code status}). */
public final class Status {
    /** Waiting for its next attempt ({@code next_attempt_at}). */
    public static final String PENDING = "pending";
    /** Claimed by a sender and maybe on the wire right now; committed before SMTP is spoken. */
    public static final String SENDING = "sending";
    /** The SMTP server accepted it. */
    public static final String SENT = "sent";
    /** Given up: the last attempt failed, or the server refused it for good. */
    public static final String FAILED = "failed";
    /** A sender stopped (crash, kill -9, lost lease) while it was {@code sending}: maybe delivered, never resent by itself. */
    public static final String UNKNOWN = "unknown";

    public static final List<String> ALL = List.of(PENDING, SENDING, SENT, FAILED, UNKNOWN);

    private Status() {
    }
}
