package dev.pergola.mail.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.mail.internal.service.EmailQueue;

/** {@code mail:delete <id>…}: every id is tried; the ones that fail make the command fail together. */
@Service
@Command(scope = "mail", name = "delete", description = "Deletes emails from the queue")
public class MailDeleteCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Email ids (Tab completes)")
    @Completion(EmailIdCompleter.class)
    List<String> ids;

    @Reference
    EmailQueue queue;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                queue.delete(id);
                System.out.println("Deleted email " + id);
            } catch (RuntimeException e) {
                failures.add(new Exception(id + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Could not delete every email", failures);
        return null;
    }
}
