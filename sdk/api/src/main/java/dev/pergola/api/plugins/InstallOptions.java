package dev.pergola.api.plugins;

/**
 * How to install or update: {@code enable} starts the plugin afterwards, {@code force} accepts a
 * downgrade, {@code actor} is the username recorded as having made the change.
 */
public record InstallOptions(boolean enable, boolean force, String actor) {
}
