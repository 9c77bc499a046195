package dev.pergola.webhooks.internal.restore;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.webhooks.internal.delivery.DeliveryEngine;
import dev.pergola.webhooks.internal.store.DeliveryQueue;

/**
 * Quiets the delivery engine while a restore replaces the webhook tables, then lets it go on from the restored
 * dispatch cursor (read from the database at each dispatch) and queue, with the restored leases ended.
 */
@Component
public class WebhooksRestoreParticipant implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksRestoreParticipant.class);

    private final DeliveryEngine engine;
    private final DeliveryQueue queue;

    @Activate
    public WebhooksRestoreParticipant(@Reference DeliveryEngine engine, @Reference DeliveryQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    @Override
    public void beforeRestore() {
        // an attempt takes at most connect + read timeout; the outcome's write a moment more
        var c = engine.config();
        engine.pause(Duration.ofMillis(c.connect_timeout_ms() + c.read_timeout_ms()).plusSeconds(5));
    }

    @Override
    public void afterRestore() {
        try {
            int released = queue.releaseLeases();
            LOG.info("Webhook deliveries resume after the restore ({} lease(s) from the backup ended)", released);
        } finally {
            engine.resume();
        }
    }
}
