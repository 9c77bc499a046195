package dev.pergola.tasks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.tasks.internal.TaskDto;
import dev.pergola.tasks.internal.service.Tasks;

@Service
@Command(scope = "task", name = "list", description = "Lists scheduled tasks with their schedule, state and last run")
public class TaskListCommand implements Action {
    @Reference
    Tasks tasks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Schedule");
        table.column("State");
        table.column("Next run");
        table.column("Last run");
        table.column("Runs");
        table.column("Failures");
        table.column("Last error");
        for (TaskDto t : tasks.list()) {
            table.addRow().addContent(t.id(), t.schedule() == null ? "" : t.schedule(), state(t),
                    t.nextRunAt() == null ? "" : t.nextRunAt(),
                    t.lastRunAt() == null ? "" : t.lastRunAt() + " " + t.lastOutcome(), t.runCount(),
                    t.failureCount(), t.lastError() == null ? "" : t.lastError());
        }
        table.print(System.out);
        return null;
    }

    static String state(TaskDto t) {
        if (!t.available()) {
            return "unavailable";
        }
        return t.running() ? "running" : t.paused() ? "paused" : "scheduled";
    }
}
