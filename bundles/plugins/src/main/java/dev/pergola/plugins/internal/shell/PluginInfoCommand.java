package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.PluginDetails;
import dev.pergola.api.plugins.PluginInfo;
import dev.pergola.api.plugins.Plugins;

@Service
@Command(scope = "plugin", name = "info", description = "Shows a plugin: state, endpoints, permissions, requirements, dependants")
public class PluginInfoCommand implements Action {
    @Argument(index = 0, name = "slug", required = true, description = "The plugin")
    @Completion(PluginSlugCompleter.class)
    String slug;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        try {
            PluginDetails details = plugins.details(slug);
            PluginInfo p = details.plugin();
            System.out.println(p.name() + " (" + p.slug() + ") " + p.version() + " by " + (p.vendor() == null ? "?" : p.vendor()));
            System.out.println("  state:        " + p.state().apiName() + (p.enabled() ? " (enabled)" : " (disabled)"));
            if (p.lastError() != null) {
                System.out.println("  last error:   " + p.lastError());
            }
            System.out.println("  installed:    " + p.installedAt() + " by " + p.installedBy());
            System.out.println("  updated:      " + p.updatedAt() + " by " + p.updatedBy());
            System.out.println("  checksum:     " + p.checksum());
            Map<String, Object> lines = new LinkedHashMap<>();
            lines.put("bundle", details.bundle() == null ? null
                    : "[" + details.bundle().id() + "] " + details.bundle().state() + " " + details.bundle().location());
            lines.put("rest_endpoints", details.restEndpoints());
            lines.put("permissions", details.permissions());
            lines.put("dependants", details.dependants());
            lines.put("refresh_restarts", details.refreshRestarts());
            lines.forEach((key, value) -> System.out.println("  " + (key + ":").replace('_', ' ')
                    + " ".repeat(Math.max(1, 14 - key.length())) + value));
            for (PluginDetails.Requirement req : details.requirements()) {
                System.out.println("  requires " + (req.met() ? "[met]     " : "[MISSING] ") + req.namespace() + " "
                        + req.filter() + (req.provider() == null ? "" : " <- " + req.provider()));
            }
        } catch (PergolaException e) {
            throw ShellOutput.failed(slug, e);
        }
        return null;
    }
}
