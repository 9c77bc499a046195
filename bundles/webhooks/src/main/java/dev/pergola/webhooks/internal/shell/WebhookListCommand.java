package dev.pergola.webhooks.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;
import dev.pergola.webhooks.internal.WebhookDto;
import dev.pergola.webhooks.internal.service.Webhooks;

/** {@code webhook:list [--search text] [--sort -created_at] [--page n]}: the REST list language. */
@Service
@Command(scope = "webhook", name = "list", description = "Lists webhook subscriptions, newest first")
public class WebhookListCommand implements Action {
    @Option(name = "--search", aliases = "-s", description = "Only webhooks whose URL or description contains this")
    String search;

    @Option(name = "--sort", description = "Sort like the REST API, e.g. url or -created_at")
    String sort;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 a page)")
    String page;

    @Reference
    Webhooks webhooks;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        if (search != null) {
            params.put("search", List.of(search));
        }
        if (sort != null) {
            params.put("sort", List.of(sort));
        }
        if (page != null) {
            params.put("page", List.of(page));
        }
        PageResult<WebhookDto> result = webhooks.list(parser.parse(params, webhooks.listSpec()));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("URL");
        table.column("Events");
        table.column("Active");
        table.column("Description");
        result.items().forEach(w -> table.addRow().addContent(w.id(), w.url(), String.join(",", w.events()),
                w.active(), w.description() == null ? "" : w.description()));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total() + " webhook(s)");
        return null;
    }
}
