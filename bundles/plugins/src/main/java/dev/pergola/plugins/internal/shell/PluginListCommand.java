package dev.pergola.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;

@Service
@Command(scope = "plugin", name = "list", description = "Lists installed plugins: version, desired and actual state")
public class PluginListCommand implements Action {
    @Option(name = "--state", aliases = "-s", description = "Only plugins in this state (active, disabled, failed, suspended)")
    String state;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Slug", "Name", "Version", "Enabled", "State", "Bundle", "Last error"}) {
            table.column(column);
        }
        for (PluginInfo p : plugins.list()) {
            if (state != null && !p.state().apiName().equals(state)) {
                continue;
            }
            table.addRow().addContent(p.slug(), p.name(), p.version(), p.enabled() ? "yes" : "no", p.state().apiName(),
                    p.bundleId() == null ? "" : p.bundleId(), p.lastError() == null ? "" : p.lastError());
        }
        table.print(System.out);
        if (plugins.safeMode()) {
            System.out.println("SAFE MODE: no plugin is started (pergola.safemode).");
        }
        return null;
    }
}
