package dev.pergola.tasks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.tasks.internal.RunDto;
import dev.pergola.tasks.internal.service.Tasks;

@Service
@Command(scope = "task", name = "runs", description = "Shows a task's recent runs, newest first")
public class TaskRunsCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "Task id (Tab completes)")
    @Completion(TaskIdCompleter.class)
    String id;

    @Option(name = "--limit", aliases = "-n", description = "How many runs (default 20)")
    int limit = 20;

    @Reference
    Tasks tasks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Run");
        table.column("Trigger");
        table.column("Status");
        table.column("Node");
        table.column("Started");
        table.column("ms");
        table.column("Result / error");
        for (RunDto r : tasks.runs(id, limit)) {
            table.addRow().addContent(r.id(), r.trigger(), r.status(), r.node(),
                    r.startedAt() == null ? "" : r.startedAt(), r.durationMs() == null ? "" : r.durationMs(),
                    r.error() != null ? r.error() : r.result() == null ? "" : r.result());
        }
        table.print(System.out);
        return null;
    }
}
