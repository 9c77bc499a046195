package dev.pergola.api.plugins;

/**
 * Event Admin topics the plugin manager posts after each change, with properties {@link #SLUG},
 * {@link #VERSION}, {@link #ACTOR} and, for {@link #FAILED}, {@link #ERROR}.
 */
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
