package dev.pergola.plugins.internal.framework;

/** A plugin bundle that could not resolve or start; the message is the root cause, ready to show. */
public class PluginStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginStartException(String message) {
        super(message);
    }
}
