package dev.pergola.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.PluginInfo;

@Service
@Command(scope = "plugin", name = "enable", description = "Starts plugins (persistently: the choice is stored and survives restarts); --cascade enables what they need first")
public class PluginEnableCommand extends PluginSwitchCommand {
    @Override
    PluginInfo apply(String slug, boolean cascade, String actor) {
        return plugins.enable(slug, cascade, actor);
    }
}
