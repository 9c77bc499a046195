package dev.pergola.plugins.internal.shell;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.plugins.PluginInfo;

/** How plugin:* commands report: one line per plugin or failure. */
final class ShellOutput {
    private ShellOutput() {
    }

    static String line(PluginInfo p) {
        return p.slug() + " " + p.version() + ": " + p.state().apiName()
                + (p.lastError() == null ? "" : " (" + p.lastError() + ")");
    }

    static String failure(String what, PergolaException e) {
        return what + ": " + e.getMessage() + (e.details().isEmpty() || e.details().containsKey("plugin_file")
                ? "" : " " + e.details());
    }

    /** A failure as the exception a command throws, so that {@code bin/client} and scripts see it (exit code). */
    static Exception failed(String what, PergolaException e) {
        return new Exception(failure(what, e), e);
    }

    /** The operator's name for the record (the shell's JAAS subject, else "shell"). */
    static String actor() {
        javax.security.auth.Subject subject = javax.security.auth.Subject.getSubject(java.security.AccessController.getContext());
        if (subject != null) {
            for (java.security.Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return "shell";
    }
}
