package dev.pergola.api.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, enables, disables, updates and uninstalls plugins, keeping the desired state in the database and
 * the framework in line with it. Every operation validates before it touches the framework, and leaves the
 * framework as it found it when it fails. Errors are {@code dev.pergola.api.errors.PergolaException}s whose code and
 * message are meant for the person who asked (422 invalid artifact, 404 unknown slug, 409 conflicts such as
 * dependants, {@code PLUGIN_FAILED} when a plugin cannot start).
 */
@ProviderType
public interface Plugins {
    /** Manifest header that makes a bundle a plugin; its value is the plugin's slug. */
    String PLUGIN_HEADER = "Pergola-Plugin";
    /** Slugs: lower-case letter first, then letters, digits and '-', 2 to 63 characters. */
    String SLUG_PATTERN = "[a-z][a-z0-9-]{1,62}";

    List<PluginInfo> list();

    /** @throws dev.pergola.api.errors.PergolaException 404 for an unknown slug */
    PluginInfo get(String slug);

    /**
     * Everything about one plugin: headers, services, REST endpoints, permissions, requirements (met or
     * missing), dependants, and which bundles a refresh would restart.
     * @throws dev.pergola.api.errors.PergolaException 404 for an unknown slug
     */
    PluginDetails details(String slug);

    /** Installs the artifact (a bundle jar) from a local file, which the caller may delete afterwards. */
    PluginInfo install(Path artifact, InstallOptions options);

    /** Installs from a URL whose scheme the configuration allows ({@code mvn:} and {@code file:} by default). */
    PluginInfo install(String url, InstallOptions options);

    /** Installs or updates every plugin jar of the deploy folder that is not installed as it is. */
    List<DiscoveryResult> discover(String actor);

    /** Starts the plugin; {@code cascade} first enables disabled plugins it needs. */
    PluginInfo enable(String slug, boolean cascade, String actor);

    /** Stops the plugin; {@code cascade} first disables enabled plugins that need it. */
    PluginInfo disable(String slug, boolean cascade, String actor);

    /** Replaces the plugin's artifact, rolling back to the previous one if the new one fails. */
    UpdateResult update(String slug, Path artifact, InstallOptions options);

    UpdateResult update(String slug, String url, InstallOptions options);

    /** Removes the plugin; its configuration is deleted only with {@code purge}; {@code cascade} removes dependants. */
    void uninstall(String slug, boolean purge, boolean cascade, String actor);

    /** The plugin's configurations (from its Metatype): per PID, the attribute definitions and current values. */
    List<PluginConfiguration> configuration(String slug);

    /** Validates {@code values} against the PID's Metatype definition and stores them in Config Admin. */
    ConfigurationUpdate configure(String slug, String pid, Map<String, Object> values, String actor);

    /** Brings the framework in line with the stored desired state; returns what it changed, one line each. */
    List<String> reconcile();

    /** True when started with {@code pergola.safemode=true} (or {@code PERGOLA_SAFEMODE=true}): no plugin runs. */
    boolean safeMode();
}
