package dev.pergola.mail.internal.delivery;

import java.time.Clock;
import java.time.Instant;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.mail.internal.SealedBodies;
import dev.pergola.mail.internal.store.Claim;
import dev.pergola.mail.internal.store.Outbox;
import dev.pergola.mail.internal.store.Status;

/**
 * One attempt of one claimed message and its outcome in the outbox: {@code sent} with an {@code email.sent} audit
 * record in the same transaction; a certain failure is retried with backoff until {@code max_attempts}, then
 * {@code failed} ({@code email.failed}); a refusal (5xx) fails at once; an uncertain failure is {@code unknown},
 * never retried by itself.
 */
final class Delivery {
    private final Outbox outbox;
    private final SealedBodies bodies;
    private final AuditTrail audit;
    private final Clock clock;

    Delivery(Outbox outbox, SealedBodies bodies, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.bodies = bodies;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return what the attempt did (already recorded) */
    Attempt attempt(SmtpConnection smtp, Claim claim, int maxAttempts, Backoff backoff) {
        String text;
        String html;
        try {
            text = bodies.open(claim.id(), SealedBodies.Part.TEXT, claim.sealedText());
            html = bodies.open(claim.id(), SealedBodies.Part.HTML, claim.sealedHtml());
        } catch (RuntimeException e) { // a body that does not open (another installation's key) never will
            Attempt refused = Attempt.refused("the stored body does not open: " + e.getMessage());
            record(claim, refused, maxAttempts, backoff);
            return refused;
        }
        Attempt attempt = smtp.send(claim.id(), claim.recipient(), claim.subject(), text, html);
        record(claim, attempt, maxAttempts, backoff);
        return attempt;
    }

    /** A row found {@code sending} after its sender died: {@code email.failed} with status unknown. */
    void auditAbandoned(Outbox.AbandonedRow row) {
        audit.record(row.transaction(), failed(row.id(), row.category(), row.attempts(), Outbox.ABANDONED,
                Status.UNKNOWN));
    }

    /** Records the outcome of one attempt (or of a connection that could not be opened: {@code RETRY}). */
    void record(Claim claim, Attempt attempt, int maxAttempts, Backoff backoff) {
        int attempts = claim.attempts() + 1;
        Instant now = clock.instant();
        switch (attempt.kind()) {
            case SENT -> outbox.sent(claim, now, tx -> audit.record(tx, AuditEntry.of(EventTypes.EMAIL_SENT)
                    .withTarget("email", claim.id()).withDetail("email_id", claim.id())
                    .withDetail("category", claim.category()).withDetail("attempts", attempts)));
            case RETRY -> {
                if (attempts < maxAttempts) {
                    outbox.retryAt(claim, attempt.error(), now.plus(backoff.delay(attempts)));
                } else {
                    giveUp(claim, Status.FAILED, attempt.error(), attempts);
                }
            }
            case REFUSED -> giveUp(claim, Status.FAILED, attempt.error(), attempts);
            case UNKNOWN -> giveUp(claim, Status.UNKNOWN, attempt.error(), attempts);
        }
    }

    private void giveUp(Claim claim, String status, String error, int attempts) {
        outbox.giveUp(claim, status, error, tx -> audit.record(tx, failed(claim.id(), claim.category(), attempts,
                error, status)));
    }

    static AuditEntry failed(String id, String category, int attempts, String error, String status) {
        return AuditEntry.of(EventTypes.EMAIL_FAILED).withOutcome(Outcome.FAILED).withTarget("email", id)
                .withDetail("email_id", id).withDetail("category", category).withDetail("attempts", attempts)
                .withDetail("status", status).withDetail("error", error);
    }
}
