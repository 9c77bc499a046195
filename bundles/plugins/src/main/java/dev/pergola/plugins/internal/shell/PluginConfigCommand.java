package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.PluginConfiguration;
import dev.pergola.api.plugins.Plugins;

/** Without --set, shows each configuration of the plugin; with it, validates and stores the values. */
@Service
@Command(scope = "plugin", name = "config", description = "Shows or changes a plugin's configuration (checked against its Metatype)")
public class PluginConfigCommand implements Action {
    @Argument(index = 0, name = "slug", required = true, description = "The plugin")
    @Completion(PluginSlugCompleter.class)
    String slug;

    @Option(name = "--pid", description = "The configuration to change (see the listing)")
    String pid;

    @Option(name = "--set", aliases = "-s", multiValued = true, description = "key=value to store (repeatable)")
    List<String> assignments;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        try {
            if (assignments == null || assignments.isEmpty()) {
                for (PluginConfiguration c : plugins.configuration(slug)) {
                    System.out.println(c.pid() + " (" + c.name() + ")");
                    c.values().forEach((k, v) -> System.out.println("  " + k + " = " + v));
                }
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("Not key=value: " + a);
                }
                values.put(a.substring(0, eq).trim(), a.substring(eq + 1));
            }
            System.out.println(plugins.configure(slug, pid, values, ShellOutput.actor()));
        } catch (PergolaException e) {
            throw ShellOutput.failed(slug, e);
        }
        return null;
    }
}
