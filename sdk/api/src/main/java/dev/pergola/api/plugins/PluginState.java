package dev.pergola.api.plugins;

import java.util.Locale;

/** What a plugin is doing now (its desired state is {@link PluginInfo#enabled()}). */
public enum PluginState {
    /** Enabled, started, every component running or waiting for a service. */
    ACTIVE,
    /** Installed and resolved, not started. */
    DISABLED,
    /** Enabled but not running: it failed to resolve or start; {@link PluginInfo#lastError()} says why. */
    FAILED,
    /** Enabled, but the platform runs in safe mode, so it is not started. */
    SUSPENDED;

    /** The lower-case name used by the REST API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The API spelling: the platform's JSON mapper writes and reads enums by {@code toString()}. */
    @Override
    public String toString() {
        return apiName();
    }
}
