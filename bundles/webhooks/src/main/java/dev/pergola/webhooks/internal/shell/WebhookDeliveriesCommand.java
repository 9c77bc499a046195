package dev.pergola.webhooks.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;
import dev.pergola.webhooks.internal.DeliveryDto;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:deliveries <id> [--status failed] [--page n]}: the delivery log, newest first. */
@Service
@Command(scope = "webhook", name = "deliveries", description = "Shows a webhook's deliveries")
public class WebhookDeliveriesCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "Webhook id (Tab completes)")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Option(name = "--status", description = "pending, failed, delivered or gave_up")
    String status;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 a page)")
    String page;

    @Reference
    Webhooks webhooks;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        if (status != null) {
            params.put("filter[status]", List.of(status));
        }
        if (page != null) {
            params.put("page", List.of(page));
        }
        PageResult<DeliveryDto> result = webhooks.deliveries(id, parser.parse(params, webhooks.deliveriesSpec()));
        ShellTable table = new ShellTable();
        for (String c : List.of("Id", "Event", "Status", "Attempts", "Code", "ms", "Next attempt", "Last error")) {
            table.column(c);
        }
        result.items().forEach(d -> table.addRow().addContent(d.id(), d.eventType(), d.status(), d.attempts(),
                d.lastStatusCode() == null ? "" : d.lastStatusCode(), d.durationMs() == null ? "" : d.durationMs(),
                d.nextAttemptAt() == null ? "" : d.nextAttemptAt(), d.lastError() == null ? "" : d.lastError()));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total() + " delivery(ies)");
        return null;
    }
}
