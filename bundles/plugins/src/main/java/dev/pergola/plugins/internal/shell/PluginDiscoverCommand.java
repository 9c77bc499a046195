package dev.pergola.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.plugins.DiscoveryResult;
import dev.pergola.api.plugins.Plugins;

@Service
@Command(scope = "plugin", name = "discover", description = "Installs or updates the plugin jars found in deploy/")
public class PluginDiscoverCommand implements Action {
    @Reference
    private Plugins plugins;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("File");
        table.column("Outcome");
        table.column("Plugin");
        table.column("Message");
        for (DiscoveryResult r : plugins.discover(ShellOutput.actor())) {
            table.addRow().addContent(r.file(), r.outcome(), r.slug() == null ? "" : r.slug(), r.message() == null ? "" : r.message());
        }
        table.print(System.out);
        return null;
    }
}
