package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

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
            Map<String, Object> details = plugins.details(slug);
            PluginInfo p = (PluginInfo) details.get("plugin");
            System.out.println(p.name() + " (" + p.slug() + ") " + p.version() + " by " + (p.vendor() == null ? "?" : p.vendor()));
            System.out.println("  state:        " + p.state().apiName() + (p.enabled() ? " (enabled)" : " (disabled)"));
            if (p.lastError() != null) {
                System.out.println("  last error:   " + p.lastError());
            }
            System.out.println("  installed:    " + p.installedAt() + " by " + p.installedBy());
            System.out.println("  updated:      " + p.updatedAt() + " by " + p.updatedBy());
            System.out.println("  checksum:     " + p.checksum());
            for (String key : List.of("bundle", "rest_endpoints", "permissions", "dependants", "refresh_restarts")) {
                System.out.println("  " + (key + ":").replace('_', ' ') + " ".repeat(Math.max(1, 14 - key.length()))
                        + details.get(key));
            }
            Object requirements = details.get("requirements");
            if (requirements instanceof List<?> list) {
                for (Object r : list) {
                    Map<?, ?> req = (Map<?, ?>) r;
                    System.out.println("  requires " + (Boolean.TRUE.equals(req.get("met")) ? "[met]     " : "[MISSING] ")
                            + req.get("namespace") + " " + req.get("filter")
                            + (req.get("provider") == null ? "" : " <- " + req.get("provider")));
                }
            }
        } catch (PergolaException e) {
            throw ShellOutput.failed(slug, e);
        }
        return null;
    }
}
