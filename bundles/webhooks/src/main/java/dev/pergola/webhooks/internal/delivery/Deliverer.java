package dev.pergola.webhooks.internal.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.security.SecretBox;
import dev.pergola.webhooks.internal.Secrets;
import dev.pergola.webhooks.internal.store.Claim;
import dev.pergola.webhooks.internal.store.DeliveryQueue;

/**
 * One attempt of one leased delivery: check the target, sign, POST, and write the outcome — delivered on a 2xx,
 * else retried with backoff, and given up (with a {@code webhook.delivery_failed} audit record in the same
 * transaction) after the last attempt. A refused target is a failed attempt that never touched the network.
 */
public final class Deliverer {
    /** What one attempt needs from the configuration, read once per attempt. */
    public record Settings(AddressGuard guard, Duration connectTimeout, Duration readTimeout, Backoff backoff,
            int maxAttempts) {
    }

    private final DeliveryQueue queue;
    private final SecretBox box;
    private final AuditTrail audit;
    private final PinnedPost post;
    private final Clock clock;

    public Deliverer(DeliveryQueue queue, SecretBox box, AuditTrail audit, PinnedPost post, Clock clock) {
        this.queue = queue;
        this.box = box;
        this.audit = audit;
        this.post = post;
        this.clock = clock;
    }

    public void attempt(Claim claim, Settings settings) {
        long start = System.nanoTime();
        URI url = URI.create(claim.url());
        InetAddress address;
        try {
            address = settings.guard().resolve(url.getHost());
        } catch (Refused refused) {
            outcome(claim, settings, null, "refused: " + refused.getMessage(), 0);
            return;
        }
        byte[] body = claim.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Pergola-Webhooks/1");
        headers.put("X-Pergola-Event", claim.eventType());
        headers.put("X-Pergola-Delivery", claim.id());
        headers.put("X-Pergola-Timestamp", Long.toString(timestamp));
        try {
            headers.put("X-Pergola-Signature",
                    Signatures.sign(Secrets.open(box, claim.webhookId(), claim.sealedSecret()), timestamp, body));
            PinnedPost.Answer answer = post.send(url, address, headers, body, settings.connectTimeout(),
                    settings.readTimeout());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (answer.success()) {
                queue.delivered(claim, answer.status(), ms, clock.instant());
            } else {
                outcome(claim, settings, answer.status(), "HTTP " + answer.status() + " " + answer.reason(), ms);
            }
        } catch (IOException | RuntimeException e) {
            outcome(claim, settings, null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void outcome(Claim claim, Settings settings, Integer status, String error, long ms) {
        int attempts = claim.attempts() + 1;
        if (attempts < settings.maxAttempts()) {
            queue.failed(claim, status, error, ms, clock.instant().plus(settings.backoff().delay(attempts)));
            return;
        }
        queue.gaveUp(claim, status, error, ms, tx -> audit.record(tx,
                AuditEntry.of(EventTypes.WEBHOOK_DELIVERY_FAILED).withOutcome(Outcome.FAILED)
                        .withTarget("webhook", claim.webhookId())
                        .withDetail("delivery_id", claim.id()).withDetail("event_id", claim.eventId())
                        .withDetail("event_type", claim.eventType()).withDetail("attempts", attempts)
                        .withDetail("status_code", status).withDetail("error", error)));
    }
}
