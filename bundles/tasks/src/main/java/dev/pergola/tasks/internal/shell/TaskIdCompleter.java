package dev.pergola.tasks.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.tasks.internal.service.Tasks;

/** Completes task ids. */
@Service
public class TaskIdCompleter implements Completer {
    @Reference
    Tasks tasks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        ids.getStrings().addAll(tasks.ids());
        return ids.complete(session, commandLine, candidates);
    }
}
