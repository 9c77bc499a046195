package dev.pergola.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:redeliver <delivery id>}: queues the same payload again (see webhook:deliveries for ids). */
@Service
@Command(scope = "webhook", name = "redeliver", description = "Sends a delivery's payload again, as a new delivery")
public class WebhookRedeliverCommand implements Action {
    @Argument(index = 0, name = "delivery", required = true,
            description = "Delivery id (dlv_…), from webhook:deliveries (Tab completes the newest)")
    @Completion(DeliveryIdCompleter.class)
    String delivery;

    @Reference
    Webhooks webhooks;

    @Override
    public Object execute() {
        DeliveryDto queued = webhooks.redeliver(delivery);
        System.out.println("Queued delivery " + queued.id() + " of event " + queued.eventId());
        return null;
    }
}
