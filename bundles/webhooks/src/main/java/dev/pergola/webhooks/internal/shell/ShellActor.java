package dev.pergola.webhooks.internal.shell;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

/** Who runs a shell command, for {@code created_by}: the operator Karaf signed in, else "shell". */
final class ShellActor {
    private ShellActor() {
    }

    static String name() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return "shell";
    }
}
