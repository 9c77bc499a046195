package dev.pergola.webhooks.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:remove <id>…}: every id is tried; the unknown ones make the command fail together. */
@Service
@Command(scope = "webhook", name = "remove", description = "Deletes webhook subscriptions and their delivery logs")
public class WebhookRemoveCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Webhook ids (Tab completes)")
    @Completion(WebhookIdCompleter.class)
    List<String> ids;

    @Reference
    Webhooks webhooks;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                webhooks.delete(id);
                System.out.println("Deleted webhook " + id);
            } catch (RuntimeException e) {
                failures.add(new Exception(id + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Could not delete every webhook", failures);
        return null;
    }
}
