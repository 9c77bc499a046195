/**
 * The plugin manager: one service, {@link dev.pergola.api.plugins.Plugins}, behind the REST API, the shell
 * and the admin UI; its changes are recorded in the audit trail and announced as the {@code plugin.*} events of
 * {@link dev.pergola.api.events.EventTypes}. A plugin is a bundle whose manifest carries
 * {@value dev.pergola.api.plugins.Plugins#PLUGIN_HEADER}; {@link dev.pergola.api.plugins.PluginBundle} says which bundles
 * belong to a plugin.
 *
 * <p>2.0: {@code details}, {@code configuration} and {@code configure} return records instead of maps, and
 * {@code PluginInfo.bundleId} is a nullable {@code Long}. Changed signatures break every caller (their bytecode
 * names the old return type), not only implementers, so this is a major version despite {@code @ProviderType}.
 */
@Version("2.0.0")
@Export
package dev.pergola.api.plugins;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
