package dev.pergola.mail.internal.shell;

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
import dev.pergola.mail.internal.service.EmailQueue;
import dev.pergola.mail.internal.store.EmailDto;

/** {@code mail:list [--status failed] [--to someone@] [--page n]}: the email queue, newest first. */
@Service
@Command(scope = "mail", name = "list", description = "Lists the email queue, newest first")
public class MailListCommand implements Action {
    @Option(name = "--status", aliases = "-s", description = "pending, sending, sent, failed or unknown")
    String status;

    @Option(name = "--to", description = "Recipient contains this text")
    String to;

    @Option(name = "--page", aliases = "-p", description = "Page number (20 a page)")
    String page;

    @Reference
    EmailQueue queue;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() {
        Map<String, List<String>> params = new HashMap<>();
        if (status != null) {
            params.put("filter[status]", List.of(status));
        }
        if (to != null) {
            params.put("filter[recipient][like]", List.of(to));
        }
        if (page != null) {
            params.put("page", List.of(page));
        }
        PageResult<EmailDto> result = queue.list(parser.parse(params, queue.spec()));
        ShellTable table = new ShellTable();
        for (String c : List.of("Id", "To", "Subject", "Status", "Attempts", "Created", "Next attempt", "Last error")) {
            table.column(c);
        }
        result.items().forEach(e -> table.addRow().addContent(e.id(), e.recipient(), e.subject(), e.status(),
                e.attempts(), e.createdAt(), "pending".equals(e.status()) ? e.nextAttemptAt() : "",
                e.lastError() == null ? "" : e.lastError()));
        table.print(System.out);
        System.out.println("page " + result.page() + " of " + result.meta().totalPages + ", " + result.total()
                + " email(s)");
        return null;
    }
}
