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

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.api.query.PageResult;

/** {@code alert:rules [--search text] [--page n]}: the rules by name. */
@Service
@Command(scope = "alert", name = "rules", description = "Lists alert rules")
public class AlertRulesCommand implements Action {
    @Option(name = "--search", aliases = "-s", description = "Only rules whose name, description or metric contains this")
    String search;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 a page)")
    String page;

    @Reference
    Alerts alerts;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        if (search != null) {
            params.put("search", List.of(search));
        }
        if (page != null) {
            params.put("page", List.of(page));
        }
        PageResult<AlertRule> result = alerts.rules(parser.parse(params, RuleStore.LIST));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Condition");
        table.column("For (s)");
        table.column("Severity");
        table.column("Enabled");
        table.column("Emails");
        table.column("Webhooks");
        result.items().forEach(r -> table.addRow().addContent(r.id(), r.name(), r.describeCondition(),
                r.forSeconds(), r.severity(), r.enabled(), String.join(",", r.channels().emails()),
                String.join(",", r.channels().webhookIds())));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total()
                + " rule(s)");
        return null;
    }
}
