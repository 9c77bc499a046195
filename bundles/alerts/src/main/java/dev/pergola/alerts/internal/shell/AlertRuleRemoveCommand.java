package dev.pergola.alerts.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.alerts.internal.service.Alerts;

/** {@code alert:rule-remove <id>…}: every id is tried; the unknown ones make the command fail together. */
@Service
@Command(scope = "alert", name = "rule-remove", description = "Deletes alert rules (their open alerts are closed)")
public class AlertRuleRemoveCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Rule ids (Tab completes)")
    @Completion(RuleIdCompleter.class)
    List<String> ids;

    @Reference
    Alerts alerts;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                alerts.delete(id);
                System.out.println("Deleted alert rule " + id);
            } catch (RuntimeException e) {
                failures.add(new Exception(id + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Could not delete every alert rule", failures);
        return null;
    }
}
