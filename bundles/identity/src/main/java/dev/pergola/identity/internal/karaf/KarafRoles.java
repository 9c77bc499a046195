package dev.pergola.identity.internal.karaf;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.pergola.api.identity.Permissions;

/** Pergola permissions → the Karaf roles that the shell, SSH and the web console check. */
final class KarafRoles {
    /**
     * Karaf's admin group without {@code systembundles}: SSH login and every command, but Karaf system bundles (the
     * core bundles among them) stay out of reach of bundle:stop/uninstall unless pergola:force grants it.
     */
    static final Set<String> SHELL = Set.of("ssh", "admin", "manager", "viewer");
    /** The role etc/org.apache.karaf.webconsole.cfg asks for. */
    static final String CONSOLE = "webconsole";

    private KarafRoles() {
    }

    static Set<String> of(Set<String> permissions) {
        Set<String> roles = new LinkedHashSet<>();
        if (permissions.contains(Permissions.SHELL)) {
            roles.addAll(SHELL);
        }
        if (permissions.contains(Permissions.CONSOLE)) {
            roles.add(CONSOLE);
        }
        return roles;
    }
}
