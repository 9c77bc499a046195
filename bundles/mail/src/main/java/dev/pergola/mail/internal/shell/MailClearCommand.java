package dev.pergola.mail.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.mail.internal.service.EmailQueue;

/** {@code mail:clear <status>}: deletes every message in one state. */
@Service
@Command(scope = "mail", name = "clear", description = "Deletes every email in one status (pending, sent, failed, unknown)")
public class MailClearCommand implements Action {
    @Argument(index = 0, name = "status", required = true, description = "pending, sent, failed or unknown")
    @Completion(value = StringsCompleter.class, values = {"pending", "sent", "failed", "unknown"})
    String status;

    @Reference
    EmailQueue queue;

    @Override
    public Object execute() {
        System.out.println("Deleted " + queue.clear(status) + " " + status + " email(s)");
        return null;
    }
}
