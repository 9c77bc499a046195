package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.nio.file.Paths;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.Plugins;
import dev.pergola.api.plugins.UpdateResult;

@Service
@Command(scope = "plugin", name = "update", description = "Updates a plugin; rolls back by itself if the new version fails")
public class PluginUpdateCommand implements Action {
    @Argument(index = 0, name = "slug", required = true, description = "The plugin")
    @Completion(PluginSlugCompleter.class)
    String slug;

    @Argument(index = 1, name = "source", required = true, description = "mvn:…, file:… or a local jar path")
    String source;

    @Option(name = "--force", aliases = "-f", description = "Allow a downgrade")
    boolean force;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        try {
            InstallOptions options = new InstallOptions(false, force, ShellOutput.actor());
            UpdateResult r = source.contains(":") ? plugins.update(slug, source, options)
                    : plugins.update(slug, Paths.get(source).toAbsolutePath(), options);
            System.out.println(slug + " " + r.oldVersion() + " -> " + r.newVersion() + ": " + r.plugin().state().apiName());
        } catch (PergolaException e) {
            throw ShellOutput.failed(slug, e);
        }
        return null;
    }
}
