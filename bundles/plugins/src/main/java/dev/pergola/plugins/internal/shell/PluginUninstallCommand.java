package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.api.plugins.Plugins;

@Service
@Command(scope = "plugin", name = "uninstall", description = "Removes plugins (their configuration stays unless --purge)")
public class PluginUninstallCommand implements Action {
    @Argument(index = 0, name = "slugs", required = true, multiValued = true, description = "Plugins")
    @Completion(PluginSlugCompleter.class)
    List<String> slugs;

    @Option(name = "--purge", description = "Delete their configuration too")
    boolean purge;

    @Option(name = "--cascade", aliases = "-c", description = "Uninstall plugins that need them too")
    boolean cascade;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String slug : slugs) {
            try {
                plugins.uninstall(slug, purge, cascade, ShellOutput.actor());
                System.out.println(slug + " uninstalled");
            } catch (PergolaException e) {
                failures.add(ShellOutput.failed(slug, e));
            }
        }
        MultiException.throwIf(failures.size() + " of " + slugs.size() + " plugin(s) could not be uninstalled", failures);
        return null;
    }
}
