package dev.pergola.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:test <id>}: queues a signed {@code webhook.test} ping; webhook:deliveries shows how it went. */
@Service
@Command(scope = "webhook", name = "test", description = "Sends a test ping to a webhook")
public class WebhookTestCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "Webhook id (Tab completes)")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Reference
    Webhooks webhooks;

    @Override
    public Object execute() {
        DeliveryDto queued = webhooks.test(id);
        System.out.println("Queued test ping " + queued.id());
        return null;
    }
}
