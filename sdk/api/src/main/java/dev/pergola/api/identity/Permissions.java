package dev.pergola.api.identity;

import java.util.List;

/** The platform's own permission catalogue: {@code admin.<area>.<action>}. Plugins add theirs by manifest header. */
public final class Permissions {
    /** Manifest header declaring the permissions a bundle defines (OSGi header syntax, optional description). */
    public static final String HEADER = "Pergola-Permissions";

    public static final List<String> AREAS = List.of("settings", "users", "roles", "permissions", "appearance",
            "plugins", "logs", "audit", "email", "backup", "webhooks", "monitoring", "tasks");

    public static final String USERS_VIEW = "users.view";
    public static final String SHELL = "admin.shell";
    public static final String CONSOLE = "admin.console";
    /** Export the audit trail (JSON, CSV, PDF). @since 1.2 */
    public static final String AUDIT_EXPORT = "admin.audit.export";

    private Permissions() {
    }

    public static String view(String area) {
        return "admin." + area + ".view";
    }

    public static String manage(String area) {
        return "admin." + area + ".manage";
    }
}
