package dev.pergola.webhooks.internal.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.metrics.Meters;
import dev.pergola.api.persistence.Database;
import dev.pergola.webhooks.internal.DeliveryDto;

/**
 * {@code pergola.webhooks.queue{status}}: deliveries waiting (pending), being retried (failed) and given up; delivered
 * ones are history, not queue. One query per 10 s at most, whatever the scrape rate. Only this component needs
 * {@link Meters}: without the metrics bundle it alone waits, webhooks keep working.
 */
@Component
public class WebhookQueueGauges {
    private static final long TTL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final List<String> STATUSES = List.of(DeliveryDto.PENDING, DeliveryDto.FAILED, DeliveryDto.GAVE_UP);

    private final DataSource dataSource;
    private Map<String, Long> counts;
    private long readAt;

    @Activate
    public WebhookQueueGauges(@Reference Meters meters,
            @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource) {
        this.dataSource = dataSource;
        readAt = System.nanoTime() - TTL_NANOS - 1;
        for (String status : STATUSES) {
            meters.gauge("pergola.webhooks.queue", "Webhook deliveries by status (delivered ones are not counted)",
                    () -> count(status), "status", status);
        }
    }

    /** NaN while the queue cannot be read (database down): "no value now", never a made-up zero. */
    synchronized double count(String status) {
        long now = System.nanoTime();
        if (now - readAt > TTL_NANOS) {
            readAt = now;
            counts = read();
        }
        return counts == null ? Double.NaN : counts.getOrDefault(status, 0L);
    }

    private Map<String, Long> read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM webhook_deliveries"
                        + " WHERE status IN ('pending','failed','gave_up') GROUP BY status");
                ResultSet r = s.executeQuery()) {
            Map<String, Long> read = new HashMap<>();
            while (r.next()) {
                read.put(r.getString(1), r.getLong(2));
            }
            return read;
        } catch (SQLException e) {
            return null;
        }
    }
}
