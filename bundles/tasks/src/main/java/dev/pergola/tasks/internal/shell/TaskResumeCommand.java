package dev.pergola.tasks.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.tasks.internal.service.Tasks;

/** {@code task:resume <id>…}: resumes each; the ones that cannot be resumed make the command fail together. */
@Service
@Command(scope = "task", name = "resume", description = "Resumes paused tasks: they run on their schedule again")
public class TaskResumeCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Task ids (Tab completes)")
    @Completion(TaskIdCompleter.class)
    List<String> ids;

    @Reference
    Tasks tasks;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                tasks.resume(id);
                System.out.println("Resumed task " + id);
            } catch (RuntimeException e) {
                failures.add(new Exception(id + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Could not resume every task", failures);
        return null;
    }
}
