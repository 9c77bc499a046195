package dev.pergola.identity.internal.karaf;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.pergola.api.identity.Permissions;

/** Pergola permissions → the Karaf roles that the shell, SSH and the web console check. */
final class KarafRoles {
    /** What Karaf's own admin group holds: SSH login, every command, system bundles. */
    static final Set<String> SHELL = Set.of("ssh", "admin", "manager", "viewer", "systembundles");
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
