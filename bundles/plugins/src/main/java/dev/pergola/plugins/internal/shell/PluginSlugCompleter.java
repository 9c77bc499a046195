package dev.pergola.plugins.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.plugins.Plugins;

/** Completes the slugs of installed plugins. */
@Service
public class PluginSlugCompleter implements Completer {
    @Reference
    private Plugins plugins;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter slugs = new StringsCompleter();
        plugins.list().forEach(p -> slugs.getStrings().add(p.slug()));
        return slugs.complete(session, commandLine, candidates);
    }
}
