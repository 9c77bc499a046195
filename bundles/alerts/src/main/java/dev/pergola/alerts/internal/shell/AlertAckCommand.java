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

/** {@code alert:ack <id>…}: stops reminders; ids that are unknown or not triggered make the command fail together. */
@Service
@Command(scope = "alert", name = "ack", description = "Acknowledges triggered alerts (no more reminders)")
public class AlertAckCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Alert ids (Tab completes)")
    @Completion(OpenAlertIdCompleter.class)
    List<String> ids;

    @Reference
    Alerts alerts;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                alerts.acknowledge(id);
                System.out.println("Acknowledged alert " + id);
            } catch (RuntimeException e) {
                failures.add(new Exception(id + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Could not acknowledge every alert", failures);
        return null;
    }
}
