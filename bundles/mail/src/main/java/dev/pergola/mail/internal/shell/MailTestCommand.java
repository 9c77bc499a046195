package dev.pergola.mail.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.mail.internal.service.EmailQueue;
import dev.pergola.mail.internal.store.EmailDto;

/** {@code mail:test <to>}: queues a test message; {@code mail:show <id>} tells how it went. */
@Service
@Command(scope = "mail", name = "test", description = "Queues a test email to an address")
public class MailTestCommand implements Action {
    @Argument(index = 0, name = "to", required = true, description = "Recipient address")
    String to;

    @Reference
    EmailQueue queue;

    @Override
    public Object execute() {
        EmailDto queued = queue.test(to);
        System.out.println("Queued test email " + queued.id() + " to " + queued.recipient()
                + " (mail:show " + queued.id() + " for its outcome)");
        return null;
    }
}
