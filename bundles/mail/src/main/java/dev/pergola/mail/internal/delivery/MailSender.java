package dev.pergola.mail.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.MessagingException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.security.SecretBox;
import dev.pergola.mail.internal.SealedBodies;
import dev.pergola.mail.internal.store.Claim;
import dev.pergola.mail.internal.store.Outbox;

/**
 * Drains the outbox on one background thread: claim a batch, open one SMTP connection, and for each message commit
 * {@code sending}, send it, record its outcome. Rows a dead sender left {@code sending} past their lease become
 * {@code unknown} (on H2, a single node, every such row at start). During a restore it pauses between messages.
 */
@Component(service = {MailSender.class, RestoreParticipant.class}, configurationPid = MailConfig.PID, immediate = true)
@Designate(ocd = MailConfig.class)
public class MailSender implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);

    private final Outbox outbox;
    private final Delivery delivery;
    private final Wakeup bell = new Wakeup();
    private final ReentrantLock working = new ReentrantLock();
    private final Thread thread;
    private volatile MailConfig config;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    @Activate
    public MailSender(@Reference Outbox outbox, @Reference SecretBox box, @Reference AuditTrail audit,
            @Reference Database database, MailConfig config) {
        this.outbox = outbox;
        this.delivery = new Delivery(outbox, new SealedBodies(box), audit, Clock.systemUTC());
        this.config = config;
        boolean singleNode = !"postgresql".equals(database.type());
        this.thread = new Thread(() -> loop(singleNode), "pergola-mail-sender");
        thread.setDaemon(true);
        // Jakarta Mail looks its providers up on the context loader: the embedded jars are on this bundle's
        thread.setContextClassLoader(MailSender.class.getClassLoader());
        thread.start();
    }

    @Modified
    void configure(MailConfig changed) {
        this.config = changed;
        lastError = null;
        bell.wake();
    }

    /** Something was queued: look now instead of at the next poll. */
    public void wake() {
        bell.wake();
    }

    public MailConfig config() {
        return config;
    }

    /** The last connection or send failure, null after a success. */
    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public boolean paused() {
        return paused;
    }

    @Override
    public void beforeRestore() {
        paused = true;
        working.lock(); // waits for the message on the wire; the rest of its batch is released
        working.unlock();
    }

    @Override
    public void afterRestore() {
        paused = false;
        bell.wake();
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    private void loop(boolean singleNode) {
        // one node (H2): whatever the previous run left claimed or sending is from a dead sender, whatever its lease
        Instant abandonedBefore = singleNode ? Instant.now().plus(Duration.ofDays(3650)) : null;
        while (running) {
            try {
                if (abandonedBefore != null) {
                    outbox.releaseAllClaims();
                }
                markAbandoned(abandonedBefore == null ? Instant.now() : abandonedBefore);
                abandonedBefore = null;
                if (!(paused || cycle())) {
                    bell.await(config.poll_interval_ms());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Email delivery failed (retried at the next poll): {}", e.getMessage());
                try {
                    Thread.sleep(config.poll_interval_ms());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void markAbandoned(Instant before) {
        List<String> ids = outbox.markAbandoned(before, row -> delivery.auditAbandoned(row));
        if (!ids.isEmpty()) {
            LOG.warn("{} email(s) were being sent when their sender stopped: marked unknown, not resent ({})",
                    ids.size(), ids);
        }
    }

    /** @return true when a batch was claimed (look again at once) */
    private boolean cycle() {
        MailConfig c = config;
        SmtpSettings smtp = SmtpSettings.of(c);
        if (smtp.missing() != null) {
            return false;
        }
        working.lock();
        try {
            if (paused) {
                return false;
            }
            List<Claim> claims = outbox.claim(c.batch_size(), Instant.now(), lease(c));
            if (claims.isEmpty()) {
                return false;
            }
            send(claims, smtp, c);
            return true;
        } finally {
            working.unlock();
        }
    }

    private void send(List<Claim> claims, SmtpSettings smtp, MailConfig c) {
        Backoff backoff = Backoff.of(c);
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(smtp);
        } catch (MessagingException | RuntimeException e) {
            failed("cannot connect to " + smtp.host() + ":" + smtp.port() + ": " + SmtpConnection.describe(e));
            claims.forEach(claim -> delivery.record(claim, Attempt.retry(lastError), c.max_attempts(), backoff));
            return;
        }
        try (connection) {
            for (Claim claim : claims) {
                if (paused || !running) {
                    outbox.release(claim);
                    continue;
                }
                if (!outbox.startSending(claim, Instant.now())) {
                    continue; // deleted by an admin meanwhile
                }
                Attempt attempt = delivery.attempt(connection, claim, c.max_attempts(), backoff);
                if (attempt.kind() == Attempt.Kind.SENT) {
                    lastError = null;
                } else {
                    failed(attempt.error());
                }
            }
        }
    }

    private void failed(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    /** Longer than a whole batch can take on a live connection, so a working sender never loses its claim. */
    static Duration lease(MailConfig c) {
        return Duration.ofMillis(c.connect_timeout_ms() + 2L * c.batch_size() * c.timeout_ms() + 60_000);
    }
}
