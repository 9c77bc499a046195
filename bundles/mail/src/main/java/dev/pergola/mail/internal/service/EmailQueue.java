package dev.pergola.mail.internal.service;

import java.time.Instant;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.security.SecretBox;
import dev.pergola.mail.internal.SealedBodies;
import dev.pergola.mail.internal.delivery.MailSender;
import dev.pergola.mail.internal.store.EmailDto;
import dev.pergola.mail.internal.store.Outbox;
import dev.pergola.mail.internal.store.OutboxRecords;
import dev.pergola.mail.internal.store.Status;

/**
 * The email queue as admins use it (REST and shell alike): list, read, retry, delete, clear, send a test. Each change
 * writes its audit record in its own transaction ({@code email.retried|deleted|cleared}).
 */
@Component(service = EmailQueue.class)
public class EmailQueue {
    /** Test messages carry this category. */
    public static final String TEST_CATEGORY = "email.test";

    private final OutboxRecords records;
    private final SealedBodies bodies;
    private final AuditTrail audit;
    private final Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MailSender sender;

    @Activate
    public EmailQueue(@Reference Outbox outbox, @Reference SecretBox box, @Reference AuditTrail audit,
            @Reference Mailer mailer) {
        this.records = new OutboxRecords(outbox);
        this.bodies = new SealedBodies(box);
        this.audit = audit;
        this.mailer = mailer;
    }

    public ListSpec spec() {
        return OutboxRecords.LIST;
    }

    public PageResult<EmailDto> list(ListQuery query) {
        return records.list(query);
    }

    /** @param withBodies whether to open the bodies (they may hold a reset link: callers with manage only) */
    public EmailDto get(String id, boolean withBodies) {
        OutboxRecords.Stored stored = records.find(id).orElseThrow(() -> notFound(id));
        if (!withBodies) {
            return stored.email();
        }
        return stored.email().withBodies(bodies.open(id, SealedBodies.Part.TEXT, blankToNull(stored.sealedText())),
                bodies.open(id, SealedBodies.Part.HTML, stored.sealedHtml()));
    }

    /** A failed or unknown message gets a fresh set of attempts, due now. */
    public EmailDto retry(String id) {
        EmailDto before = get(id, false);
        if (!records.retry(id, Instant.now(), tx -> audit.record(tx, entry("email.retried", before)))) {
            throw PergolaException.conflict("Email " + id + " is " + before.status() + ": only failed or unknown"
                    + " messages can be retried");
        }
        wake();
        return get(id, false);
    }

    public void delete(String id) {
        EmailDto before = get(id, false);
        if (!records.delete(id, tx -> audit.record(tx, entry("email.deleted", before)))) {
            throw PergolaException.conflict("Email " + id + " is being sent right now; delete it once it is done");
        }
    }

    /** Deletes every message in {@code status} ({@code sending} cannot be cleared). @return how many */
    public int clear(String status) {
        if (status == null || !Status.ALL.contains(status) || Status.SENDING.equals(status)) {
            throw PergolaException.invalid("status", "one of pending, sent, failed, unknown");
        }
        return records.clear(status, tx -> audit.record(tx, AuditEntry.of("email.cleared")
                .withTarget("email_queue", status).withDetail("status", status)));
    }

    /** Queues a short test message to {@code to}. @return the queued message */
    public EmailDto test(String to) {
        if (to == null || to.isBlank() || to.indexOf('@') < 1 || to.strip().contains(" ")) {
            throw PergolaException.invalid("to", "an email address");
        }
        String id = mailer.send(MailMessage.text(to.strip(), "Pergola test email",
                "This is a test message from Pergola. If you can read it, email delivery works.", TEST_CATEGORY));
        return get(id, false);
    }

    /** Messages per status and the late pending ones, for health and the shell. */
    public Map<String, Object> counts(Instant lateBefore) {
        return records.counts(lateBefore);
    }

    private void wake() {
        MailSender s = sender;
        if (s != null) {
            s.wake();
        }
    }

    private static AuditEntry entry(String action, EmailDto e) {
        return AuditEntry.of(action).withTarget("email", e.id()).withDetail("email_id", e.id())
                .withDetail("category", e.category()).withDetail("status", e.status());
    }

    private static PergolaException notFound(String id) {
        return PergolaException.notFound("No email " + id + " in the queue");
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
