package dev.pergola.alerts.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Channels;
import dev.pergola.alerts.internal.rule.RuleInput;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.api.errors.PergolaException;

/**
 * {@code alert:rule-add [--for s] [--severity s] [--email a]… [--webhook id]… <name> <metric> <condition> <threshold>}:
 * the same rule as {@code POST /api/v1/alerts/rules}; an invalid rule fails with every problem listed.
 */
@Service
@Command(scope = "alert", name = "rule-add", description = "Adds an alert rule (options first), e.g."
        + " alert:rule-add --for 300 --severity critical --email ops@example.com cpu-high cpu gt 90")
public class AlertRuleAddCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "Unique rule name")
    String name;

    @Argument(index = 1, name = "metric", required = true,
            description = "cpu, memory, disk, error_rate, latency_p95_ms, metric:<meter> or health:<check>")
    String metric;

    @Argument(index = 2, name = "condition", required = true, description = "gt, gte, lt, lte, eq, ne (or > >= …)")
    String condition;

    @Argument(index = 3, name = "threshold", required = true, description = "The number compared with")
    String threshold;

    @Option(name = "--for", description = "Seconds the condition must hold before the alert fires (default 0)")
    Integer forSeconds;

    @Option(name = "--severity", description = "critical, warning (default) or info")
    String severity;

    @Option(name = "--statistic", description = "For metric: types: value (default), rate, total_seconds, …")
    String statistic;

    @Option(name = "--tag", multiValued = true, description = "For metric: types: key=value (repeatable)")
    List<String> tags;

    @Option(name = "--email", multiValued = true, description = "Address to mail (repeatable)")
    List<String> emails;

    @Option(name = "--webhook", multiValued = true, description = "Webhook subscription id to notify (repeatable)")
    List<String> webhooks;

    @Option(name = "--repeat", description = "Seconds between reminders until acknowledged (0 = none)")
    Integer repeat;

    @Option(name = "--description", description = "What the rule is about")
    String description;

    @Option(name = "--disabled", description = "Create the rule disabled")
    boolean disabled;

    @Reference
    Alerts alerts;

    @Override
    public Object execute() {
        Double limit;
        try {
            limit = Double.valueOf(threshold);
        } catch (NumberFormatException e) {
            throw PergolaException.invalid("threshold", "'" + threshold + "' is not a number");
        }
        AlertRule rule;
        try {
            rule = alerts.create(new RuleInput(name, description, metric, tags(), statistic, condition, limit,
                    forSeconds, severity, !disabled, new Channels(emails, webhooks), repeat));
        } catch (PergolaException e) {
            throw new IllegalArgumentException(e.getMessage() + (e.details().isEmpty() ? "" : " " + e.details()), e);
        }
        System.out.println("Created alert rule " + rule.id() + ": " + rule.describeCondition());
        return null;
    }

    private Map<String, String> tags() {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            for (String t : tags) {
                int eq = t.indexOf('=');
                if (eq < 1) {
                    throw PergolaException.invalid("tags", "'" + t + "' is not key=value");
                }
                map.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return map;
    }
}
