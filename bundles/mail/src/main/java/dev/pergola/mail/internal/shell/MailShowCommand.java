package dev.pergola.mail.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.mail.internal.service.EmailQueue;
import dev.pergola.mail.internal.store.EmailDto;

/** {@code mail:show <id> [--bodies]}: one message; bodies only when asked (they may hold a reset link). */
@Service
@Command(scope = "mail", name = "show", description = "Shows one queued email")
public class MailShowCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "Email id (Tab completes)")
    @Completion(EmailIdCompleter.class)
    String id;

    @Option(name = "--bodies", aliases = "-b", description = "Also print the text and HTML bodies (erased once sent)")
    boolean bodies;

    @Reference
    EmailQueue queue;

    @Override
    public Object execute() {
        EmailDto e = queue.get(id, bodies);
        System.out.println("Id:           " + e.id());
        System.out.println("To:           " + e.recipient());
        System.out.println("Subject:      " + e.subject());
        System.out.println("Category:     " + (e.category() == null ? "" : e.category()));
        System.out.println("Status:       " + e.status());
        System.out.println("Attempts:     " + e.attempts());
        System.out.println("Created:      " + e.createdAt());
        System.out.println("Next attempt: " + ("pending".equals(e.status()) ? e.nextAttemptAt() : ""));
        System.out.println("Sent:         " + (e.sentAt() == null ? "" : e.sentAt()));
        System.out.println("Last error:   " + (e.lastError() == null ? "" : e.lastError()));
        if (bodies) {
            System.out.println("--- text ---");
            System.out.println(e.text() == null ? "(erased: the message was sent)" : e.text());
            if (e.html() != null) {
                System.out.println("--- html ---");
                System.out.println(e.html());
            }
        }
        return null;
    }
}
