package dev.pergola.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.PluginInfo;

@Service
@Command(scope = "plugin", name = "disable", description = "Stops plugins (persistently); --cascade disables the plugins that need them first")
public class PluginDisableCommand extends PluginSwitchCommand {
    @Override
    PluginInfo apply(String slug, boolean cascade, String actor) {
        return plugins.disable(slug, cascade, actor);
    }
}
