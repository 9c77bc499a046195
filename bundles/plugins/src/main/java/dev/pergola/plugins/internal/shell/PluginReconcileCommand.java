package dev.pergola.plugins.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.api.plugins.Plugins;

/** For after someone used bundle:* on a plugin, or when another node changed the registry. */
@Service
@Command(scope = "plugin", name = "reconcile", description = "Brings the framework in line with the stored plugin states")
public class PluginReconcileCommand implements Action {
    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        var changes = plugins.reconcile();
        if (changes.isEmpty()) {
            System.out.println("Nothing to do: every plugin is as stored.");
        }
        changes.forEach(System.out::println);
        List<Exception> failed = changes.stream().filter(c -> c.contains(": failed: "))
                .map(c -> (Exception) new IllegalStateException(c)).toList();
        MultiException.throwIf(failed.size() + " plugin(s) failed while reconciling", failed);
        return null;
    }
}
