package dev.pergola.identity.internal.shell;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListSpec;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.RoleDirectory;
import dev.pergola.identity.internal.rbac.RoleDto;

/** What the role:* commands share. */
final class RoleCommands {
    static final ListSpec LIST = ListSpec.builder().field("name", "name", FieldType.STRING).sortable().build();

    private RoleCommands() {
    }

    static Set<String> permissionsOf(RoleDto role) {
        return new TreeSet<>(role.permissions());
    }

    /** Replaces the role's permissions and prints the result. */
    static void setPermissions(RoleDirectory roles, Actor operator, RoleDto role, Set<String> permissions) {
        RoleDto updated = roles.update(operator, role.id(), null, List.copyOf(permissions));
        System.out.println(updated.name() + ": " + String.join(", ", permissionsOf(updated)));
    }
}
