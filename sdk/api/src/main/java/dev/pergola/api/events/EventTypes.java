package dev.pergola.api.events;

/**
 * The platform's event types (dotted names, as on the wire) and how they map to Event Admin topics. Their
 * descriptions and payloads are in {@link EventCatalogue}.
 */
public final class EventTypes {
    /** Prefix of every platform event topic on Event Admin. */
    public static final String TOPIC_PREFIX = "dev/pergola/";
    /** Every platform event, for an {@code event.topics} property. */
    public static final String ALL_TOPICS = TOPIC_PREFIX + "*";

    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";
    public static final String USER_DELETED = "user.deleted";
    public static final String USER_RESTORED = "user.restored";
    public static final String USER_ACTIVATED = "user.activated";
    public static final String USER_DEACTIVATED = "user.deactivated";
    public static final String USER_ROLE_ASSIGNED = "user.role_assigned";
    public static final String USER_ROLE_REMOVED = "user.role_removed";

    public static final String ROLE_CREATED = "role.created";
    public static final String ROLE_UPDATED = "role.updated";
    public static final String ROLE_DELETED = "role.deleted";

    public static final String PERMISSION_ADDED = "permission.added";
    public static final String PERMISSION_REMOVED = "permission.removed";

    public static final String PLUGIN_INSTALLED = "plugin.installed";
    public static final String PLUGIN_ENABLED = "plugin.enabled";
    public static final String PLUGIN_DISABLED = "plugin.disabled";
    public static final String PLUGIN_UPDATED = "plugin.updated";
    public static final String PLUGIN_UNINSTALLED = "plugin.uninstalled";
    public static final String PLUGIN_FAILED = "plugin.failed";
    public static final String PLUGIN_CONFIGURED = "plugin.configured";

    public static final String AUTH_LOGIN = "auth.login";
    public static final String AUTH_LOGOUT = "auth.logout";
    public static final String AUTH_LOGIN_FAILED = "auth.login_failed";
    public static final String AUTH_LOCKED = "auth.locked";
    public static final String AUTH_UNLOCKED = "auth.unlocked";
    public static final String AUTH_PASSWORD_CHANGED = "auth.password_changed";
    public static final String AUTH_PASSWORD_RESET = "auth.password_reset";

    public static final String API_KEY_CREATED = "api_key.created";
    public static final String API_KEY_REVOKED = "api_key.revoked";
    public static final String SESSION_ENDED = "session.ended";

    public static final String ACCESS_DENIED = "access.denied";
    public static final String SHELL_COMMAND = "shell.command";

    public static final String WEBHOOK_CREATED = "webhook.created";
    public static final String WEBHOOK_UPDATED = "webhook.updated";
    public static final String WEBHOOK_DELETED = "webhook.deleted";
    public static final String WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated";
    public static final String WEBHOOK_DELIVERY_FAILED = "webhook.delivery_failed";

    public static final String AUDIT_ARCHIVED = "audit.archived";
    public static final String AUDIT_EXPORTED = "audit.exported";

    public static final String SETTINGS_UPDATED = "settings.updated";
    public static final String BACKUP_CREATED = "backup.created";
    public static final String BACKUP_RESTORED = "backup.restored";
    public static final String BACKUP_FAILED = "backup.failed";
    /** @since 1.1 */
    public static final String BACKUP_VERIFIED = "backup.verified";
    /** @since 1.1 */
    public static final String BACKUP_DELETED = "backup.deleted";
    /**
     * Progress of a running backup, verification or restore: live streams only (SSE, WebSocket), posted straight on
     * Event Admin, never audited nor sent to webhooks. @since 1.1
     */
    public static final String BACKUP_PROGRESS = "backup.progress";
    /** @since 1.1 */
    public static final String EMAIL_SENT = "email.sent";
    /** @since 1.1 */
    public static final String EMAIL_FAILED = "email.failed";
    public static final String TASK_COMPLETED = "task.completed";
    /** @since 1.2 */
    public static final String TASK_FAILED = "task.failed";
    /** @since 1.2 */
    public static final String TASK_CREATED = "task.created";
    /** @since 1.2 */
    public static final String TASK_UPDATED = "task.updated";
    /** @since 1.2 */
    public static final String TASK_DELETED = "task.deleted";
    /** @since 1.2 */
    public static final String TASK_PAUSED = "task.paused";
    /** @since 1.2 */
    public static final String TASK_RESUMED = "task.resumed";
    /** @since 1.2 */
    public static final String ALERT_TRIGGERED = "alert.triggered";
    /** @since 1.2 */
    public static final String ALERT_ACKNOWLEDGED = "alert.acknowledged";
    /** @since 1.2 */
    public static final String ALERT_RESOLVED = "alert.resolved";
    /** @since 1.2 */
    public static final String ALERT_RULE_CREATED = "alert_rule.created";
    /** @since 1.2 */
    public static final String ALERT_RULE_UPDATED = "alert_rule.updated";
    /** @since 1.2 */
    public static final String ALERT_RULE_DELETED = "alert_rule.deleted";
    /** @since 1.2 */
    public static final String LOGS_CLEARED = "logs.cleared";
    /** @since 1.2 */
    public static final String LOG_LEVEL_CHANGED = "log.level_changed";

    private EventTypes() {
    }

    /** {@code user.role_assigned} → {@code dev/pergola/user/role_assigned}. */
    public static String topic(String type) {
        return TOPIC_PREFIX + type.replace('.', '/');
    }

    /** {@code dev/pergola/user/role_assigned} → {@code user.role_assigned}; null for a topic outside the platform's. */
    public static String type(String topic) {
        return topic != null && topic.startsWith(TOPIC_PREFIX)
                ? topic.substring(TOPIC_PREFIX.length()).replace('/', '.') : null;
    }

    /**
     * Whether {@code type} matches {@code pattern}: an exact type, {@code *} (everything), or a prefix wildcard such
     * as {@code user.*} (every type under {@code user.}, at any depth).
     */
    public static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }
}
