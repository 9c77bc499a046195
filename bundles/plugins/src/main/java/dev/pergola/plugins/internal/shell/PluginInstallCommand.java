package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.plugins.InstallOptions;
import dev.pergola.api.plugins.Plugins;

@Service
@Command(scope = "plugin", name = "install", description = "Installs a plugin from a URL (mvn:, file:) or a local jar path")
public class PluginInstallCommand implements Action {
    @Argument(index = 0, name = "source", required = true, description = "mvn:group/artifact/version, file:/path.jar or a path")
    String source;

    @Option(name = "--enable", aliases = "-e", description = "Start it once installed")
    boolean enable;

    @Reference
    private Plugins plugins;

    @Override
    public Object execute() throws Exception {
        try {
            InstallOptions options = new InstallOptions(enable, false, ShellOutput.actor());
            if (source.contains(":") && !source.matches("[A-Za-z]:\\\\.*")) {
                System.out.println("Installed " + ShellOutput.line(plugins.install(source, options)));
            } else {
                Path file = Paths.get(source).toAbsolutePath();
                System.out.println("Installed " + ShellOutput.line(plugins.install(file, options)));
            }
        } catch (PergolaException e) {
            throw ShellOutput.failed(source, e);
        }
        return null;
    }
}
