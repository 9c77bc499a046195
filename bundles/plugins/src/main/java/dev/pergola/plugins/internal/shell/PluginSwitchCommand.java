package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;

/** plugin:enable and plugin:disable: the same arguments and per-plugin report, the opposite switch. */
abstract class PluginSwitchCommand implements Action {
    @Argument(index = 0, name = "slugs", required = true, multiValued = true, description = "Plugins")
    @Completion(PluginSlugCompleter.class)
    List<String> slugs;

    @Option(name = "--cascade", aliases = "-c", description = "Also switch the plugins they depend on, or that depend on them")
    boolean cascade;

    @Reference
    Plugins plugins;

    abstract PluginInfo apply(String slug, boolean cascade, String actor);

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String slug : slugs) {
            try {
                System.out.println(ShellOutput.line(apply(slug, cascade, ShellOutput.actor())));
            } catch (PergolaException e) {
                failures.add(ShellOutput.failed(slug, e));
            }
        }
        MultiException.throwIf(failures.size() + " of " + slugs.size() + " plugin(s) failed", failures);
        return null;
    }
}
