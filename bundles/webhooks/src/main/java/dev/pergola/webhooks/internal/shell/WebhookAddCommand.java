package dev.pergola.webhooks.internal.shell;

import java.util.Arrays;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.webhooks.internal.CreatedWebhook;
import dev.pergola.webhooks.internal.NewWebhook;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:add <url> <events>}: prints the signing secret once (a refused URL or pattern throws). */
@Service
@Command(scope = "webhook", name = "add", description = "Subscribes a URL to platform events")
public class WebhookAddCommand implements Action {
    @Argument(index = 0, name = "url", required = true, description = "http:// or https:// URL receiving the POSTs")
    String url;

    @Argument(index = 1, name = "events", required = true,
            description = "Comma-separated event types or wildcards: user.created,role.*  or  *")
    String events;

    @Option(name = "--description", aliases = "-d", description = "What the subscription is for")
    String description;

    @Option(name = "--inactive", description = "Create it inactive (nothing is delivered until activated)")
    boolean inactive;

    @Reference
    Webhooks webhooks;

    @Override
    public Object execute() {
        CreatedWebhook created = webhooks.create(ShellActor.name(), new NewWebhook(url,
                Arrays.asList(events.split(",")), null, !inactive, description));
        System.out.println("Created webhook " + created.id());
        System.out.println("Signing secret (shown once, keep it now): " + created.secret());
        return null;
    }
}
