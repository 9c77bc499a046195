package dev.pergola.alerts.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.alerts.internal.rule.Numbers;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;

/** {@code alert:list [--status triggered] [--severity critical] [--page n]}: newest first, like the REST list. */
@Service
@Command(scope = "alert", name = "list", description = "Lists alerts (triggered, acknowledged, resolved), newest first")
public class AlertListCommand implements Action {
    @Option(name = "--status", description = "triggered, acknowledged or resolved")
    String status;

    @Option(name = "--severity", description = "critical, warning or info")
    String severity;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 a page)")
    String page;

    @Reference
    Alerts alerts;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        if (page != null) {
            params.put("page", List.of(page));
        }
        PageResult<AlertDto> result = alerts.alerts(parser.parse(params, AlertStore.LIST), severity, status);
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Rule");
        table.column("Severity");
        table.column("Status");
        table.column("Value");
        table.column("Triggered");
        table.column("Reminders");
        result.items().forEach(a -> table.addRow().addContent(a.id(), a.ruleName(), a.severity(), a.status(),
                a.value() == null ? "" : Numbers.format(a.value()), a.triggeredAt(), a.reminders()));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total()
                + " alert(s)");
        return null;
    }
}
