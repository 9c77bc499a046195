package dev.pergola.identity.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pergola.identity.internal.account.UserDto;

/** The JSON shape of a user; never the password hash. */
final class UserView {
    private UserView() {
    }

    static Map<String, Object> of(UserDto u, Set<String> roles, Set<String> permissions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("email", u.email());
        m.put("first_name", u.firstName());
        m.put("last_name", u.lastName());
        m.put("locale", u.locale());
        m.put("timezone", u.timezone());
        m.put("status", u.status());
        m.put("created_at", Timestamps.iso(u.createdAt()));
        m.put("last_login_at", Timestamps.iso(u.lastLoginAt()));
        m.put("roles", roles);
        if (permissions != null) {
            m.put("permissions", new TreeSet<>(permissions));
        }
        return m;
    }

}
