package dev.pergola.mail.internal.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.Meters;
import dev.pergola.mail.internal.service.EmailQueue;
import dev.pergola.mail.internal.store.Status;

/**
 * {@code pergola.mail.queue{status}}: the email queue by status (pending, sending, sent, failed, unknown), read through
 * the queue's own counts at most once per 10 s. Only this component needs {@link Meters}: without the metrics bundle
 * it alone waits, mail keeps flowing.
 */
@Component
public class MailQueueGauges {
    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();

    private final EmailQueue queue;
    private Map<String, Object> counts;
    private long readAt;

    @Activate
    public MailQueueGauges(@Reference Meters meters, @Reference EmailQueue queue) {
        this.queue = queue;
        readAt = System.nanoTime() - TTL_NANOS - 1;
        for (String status : Status.ALL) {
            meters.gauge("pergola.mail.queue", "Emails in the queue, by status", () -> count(status), "status", status);
        }
    }

    /** NaN while the queue cannot be read (database down): "no value now", never a made-up zero. */
    synchronized double count(String status) {
        long now = System.nanoTime();
        if (now - readAt > TTL_NANOS) {
            readAt = now;
            try {
                counts = queue.counts(Instant.now());
            } catch (RuntimeException e) {
                counts = null;
            }
        }
        return counts != null && counts.get(status) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
