package dev.pergola.api.plugins;

/** A successful update. (A failed one is rolled back and raised as an error naming the cause.) */
public record UpdateResult(PluginInfo plugin, String oldVersion, String newVersion) {
}
