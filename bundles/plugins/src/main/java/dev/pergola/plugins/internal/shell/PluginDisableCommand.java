package dev.pergola.plugins.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.rest.ApiException;

@Service
@Command(scope = "plugin", name = "disable", description = "Stops plugins (persistently)")
public class PluginDisableCommand implements Action {
    @Argument(index = 0, name = "slugs", required = true, multiValued = true, description = "Plugins")
    @Completion(PluginSlugCompleter.class)
    List<String> slugs;

    @Option(name = "--cascade", aliases = "-c", description = "Disable the plugins that need them first")
    boolean cascade;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() {
        for (String slug : slugs) {
            try {
                System.out.println(ShellOutput.line(plugins.disable(slug, cascade, ShellOutput.actor())));
            } catch (ApiException e) {
                System.out.println(ShellOutput.failure(slug, e));
            }
        }
        return null;
    }
}
