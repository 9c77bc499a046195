package dev.pergola.api.plugins;

/**
 * The Event Admin topics the plugin manager posted before the audit trail existed, with properties {@link #SLUG},
 * {@link #VERSION}, {@link #ACTOR} and, for {@link #FAILED}, {@link #ERROR}.
 *
 * @deprecated Nothing posts these topics any more. Plugin changes are recorded in the audit trail and announced,
 *             once committed, as the platform events {@link dev.pergola.api.events.EventTypes#PLUGIN_INSTALLED
 *             plugin.installed}, {@code plugin.enabled}, {@code plugin.disabled}, {@code plugin.updated},
 *             {@code plugin.uninstalled}, {@code plugin.failed} and {@code plugin.configured}: on Event Admin under
 *             {@link dev.pergola.api.events.EventTypes#topic(String)} (e.g. {@code dev/pergola/plugin/enabled}) with
 *             the properties of {@link dev.pergola.api.events.PergolaEvent} (the slug is {@code data.target.id}).
 *             Kept so that code compiled against it still links.
 */
@Deprecated
public final class PluginEvents {
    public static final String TOPIC_PREFIX = "dev/pergola/plugins/";
    public static final String INSTALLED = TOPIC_PREFIX + "INSTALLED";
    public static final String ENABLED = TOPIC_PREFIX + "ENABLED";
    public static final String DISABLED = TOPIC_PREFIX + "DISABLED";
    public static final String UPDATED = TOPIC_PREFIX + "UPDATED";
    public static final String UNINSTALLED = TOPIC_PREFIX + "UNINSTALLED";
    public static final String FAILED = TOPIC_PREFIX + "FAILED";
    /** Every plugin topic, for an {@code event.topics} property. */
    public static final String ALL = TOPIC_PREFIX + "*";

    public static final String SLUG = "slug";
    public static final String VERSION = "version";
    public static final String ACTOR = "actor";
    public static final String ERROR = "error";

    private PluginEvents() {
    }
}
