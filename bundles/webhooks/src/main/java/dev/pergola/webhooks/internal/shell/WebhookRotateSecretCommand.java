package dev.pergola.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.webhooks.internal.CreatedWebhook;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:rotate-secret <id>}: a new generated secret, printed once; the old one stops at once. */
@Service
@Command(scope = "webhook", name = "rotate-secret", description = "Replaces a webhook's signing secret")
public class WebhookRotateSecretCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "Webhook id (Tab completes)")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Reference
    Webhooks webhooks;

    @Override
    public Object execute() {
        CreatedWebhook rotated = webhooks.rotateSecret(id, null);
        System.out.println("New signing secret for " + id + " (shown once, keep it now): " + rotated.secret());
        return null;
    }
}
