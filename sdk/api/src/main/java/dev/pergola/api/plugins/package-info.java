/**
 * The plugin manager: one service, {@link dev.pergola.api.plugins.Plugins}, behind the REST API, the shell
 * and the admin UI, plus the Event Admin topics it publishes. A plugin is a bundle whose manifest carries
 * {@value dev.pergola.api.plugins.Plugins#PLUGIN_HEADER}; {@link dev.pergola.api.plugins.PluginBundle} says which bundles
 * belong to a plugin (1.1: added).
 */
@Version("1.1.0")
@Export
package dev.pergola.api.plugins;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
