package dev.pergola.sample.notes.shell;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

/** Who runs a shell command, as the author of the notes it adds: the operator Karaf signed in (its JAAS user principal), else "shell". */
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
