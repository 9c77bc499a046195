package dev.pergola.api.events;

import static dev.pergola.api.events.EventTypes.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pergola.api.identity.Permissions;

/**
 * The platform's own event types, documented. Every event's {@code data} holds {@code actor} ({@code type},
 * {@code id}, {@code name}), {@code target} ({@code type}, {@code id}, {@code name}), {@code outcome}, and where they
 * apply {@code before} and {@code after} (the target's state, secrets redacted); the fields listed per type come on
 * top.
 */
public final class EventCatalogue {
    private static final String USERS = Permissions.view("users");
    private static final String ROLES = Permissions.view("roles");
    private static final String PLUGINS = Permissions.view("plugins");
    private static final String AUDIT = Permissions.view("audit");
    private static final String WEBHOOKS = Permissions.view("webhooks");
    private static final String TASKS = Permissions.view("tasks");
    private static final String MONITORING = Permissions.view("monitoring");

    public static final List<EventType> CORE = List.of(
            new EventType(USER_CREATED, "An account was created (by an administrator, self-registration or first boot).", USERS),
            new EventType(USER_UPDATED, "An account's profile fields changed.", USERS),
            new EventType(USER_DELETED, "An account was deleted (soft: it can be restored).", USERS),
            new EventType(USER_RESTORED, "A deleted account was restored.", USERS),
            new EventType(USER_ACTIVATED, "An account was activated.", USERS),
            new EventType(USER_DEACTIVATED, "An account was deactivated; its sessions end.", USERS),
            new EventType(USER_ROLE_ASSIGNED, "A role was given to an account.", USERS, Map.of("role", "the role's name")),
            new EventType(USER_ROLE_REMOVED, "A role was taken from an account.", USERS, Map.of("role", "the role's name")),
            new EventType(ROLE_CREATED, "A role was created.", ROLES),
            new EventType(ROLE_UPDATED, "A role's description or permissions changed.", ROLES),
            new EventType(ROLE_DELETED, "A role was deleted.", ROLES),
            new EventType(PERMISSION_ADDED, "A permission appeared (a plugin declaring it was installed).", ROLES,
                    Map.of("plugin", "the slug of the plugin declaring it, if any")),
            new EventType(PERMISSION_REMOVED, "A permission disappeared (the plugin declaring it was uninstalled).", ROLES,
                    Map.of("plugin", "the slug of the plugin that declared it, if any")),
            new EventType(PLUGIN_INSTALLED, "A plugin was installed.", PLUGINS, Map.of("version", "the plugin's version")),
            new EventType(PLUGIN_ENABLED, "A plugin was enabled (its bundles started).", PLUGINS, Map.of("version", "the plugin's version")),
            new EventType(PLUGIN_DISABLED, "A plugin was disabled (its bundles stopped).", PLUGINS, Map.of("version", "the plugin's version")),
            new EventType(PLUGIN_UPDATED, "A plugin was updated to a new artifact.", PLUGINS,
                    Map.of("version", "the new version", "previous_version", "the version it replaced")),
            new EventType(PLUGIN_UNINSTALLED, "A plugin was uninstalled.", PLUGINS, Map.of("purged", "whether its data was deleted")),
            new EventType(PLUGIN_FAILED, "A plugin failed to resolve or start.", PLUGINS, Map.of("error", "the root cause")),
            new EventType(PLUGIN_CONFIGURED, "A plugin's configuration changed.", PLUGINS, Map.of("pid", "the configuration PID")),
            new EventType(AUTH_LOGIN, "Someone signed in.", AUDIT, Map.of("method", "password, refresh or console")),
            new EventType(AUTH_LOGOUT, "Someone signed out.", AUDIT),
            new EventType(AUTH_LOGIN_FAILED, "A sign-in was refused (wrong credentials, inactive account, locked).", AUDIT,
                    Map.of("username", "the name that was tried", "reason", "why it was refused")),
            new EventType(AUTH_LOCKED, "An account or a client address was locked after repeated failures.", AUDIT,
                    Map.of("scope", "account or address", "until", "when the lock ends")),
            new EventType(AUTH_UNLOCKED, "A lock was lifted (by an administrator or when it expired).", AUDIT,
                    Map.of("scope", "account or address")),
            new EventType(AUTH_PASSWORD_CHANGED, "An account's password was changed.", AUDIT),
            new EventType(AUTH_PASSWORD_RESET, "A password reset was asked for or completed.", AUDIT,
                    Map.of("step", "requested or completed")),
            new EventType(API_KEY_CREATED, "An API key was created.", AUDIT),
            new EventType(API_KEY_REVOKED, "An API key was revoked.", AUDIT),
            new EventType(SESSION_ENDED, "A login session ended (sign-out, revocation, refresh-token reuse).", AUDIT,
                    Map.of("reason", "why it ended")),
            new EventType(ACCESS_DENIED, "A request was refused for lack of a permission.", AUDIT,
                    Map.of("method", "HTTP method", "path", "request path", "required_permission", "what was missing")),
            new EventType(SHELL_COMMAND, "An operator ran a Karaf shell command.", AUDIT,
                    Map.of("command", "the command name", "arguments", "its arguments, secrets masked")),
            new EventType(WEBHOOK_CREATED, "A webhook subscription was created.", WEBHOOKS),
            new EventType(WEBHOOK_UPDATED, "A webhook subscription changed.", WEBHOOKS),
            new EventType(WEBHOOK_DELETED, "A webhook subscription was deleted.", WEBHOOKS),
            new EventType(WEBHOOK_SECRET_ROTATED, "A webhook's signing secret was replaced.", WEBHOOKS),
            new EventType(WEBHOOK_DELIVERY_FAILED, "A delivery was given up after its last retry.", WEBHOOKS,
                    Map.of("delivery_id", "the delivery", "event_id", "the event it carried", "attempts", "how many were made")),
            new EventType(AUDIT_ARCHIVED, "Audit records past retention were archived and deleted; an anchor keeps the chain.", AUDIT,
                    Map.of("from_sequence", "first archived", "to_sequence", "last archived", "file", "the archive's name")),
            new EventType(AUDIT_EXPORTED, "The audit trail was exported.", AUDIT, Map.of("format", "json, csv or pdf")),
            new EventType(SETTINGS_UPDATED, "Platform settings changed.", Permissions.view("settings")),
            new EventType(BACKUP_CREATED, "A backup was made.", Permissions.view("backup")),
            new EventType(BACKUP_RESTORED, "A backup was restored.", Permissions.view("backup")),
            new EventType(BACKUP_FAILED, "A backup, verification or restore failed.", Permissions.view("backup"),
                    Map.of("filename", "the backup", "operation", "create, verify or restore", "error", "why")),
            new EventType(BACKUP_VERIFIED, "A backup was verified (checksums and a trial restore).", Permissions.view("backup"),
                    Map.of("filename", "the backup", "valid", "true or false")),
            new EventType(BACKUP_PROGRESS, "Progress of a running backup, verification or restore (live streams only).",
                    Permissions.view("backup"), Map.of("filename", "the backup", "operation", "create, verify or restore",
                            "percent", "0 to 100", "step", "what it is doing")),
            new EventType(BACKUP_DELETED, "A backup file was deleted.", Permissions.view("backup"),
                    Map.of("filename", "the backup")),
            new EventType(EMAIL_SENT, "An email was handed to the SMTP server.", Permissions.view("email"),
                    Map.of("email_id", "the queued message", "category", "what kind of mail", "attempts", "tries it took")),
            new EventType(EMAIL_FAILED, "An email was given up after its last attempt.", Permissions.view("email"),
                    Map.of("email_id", "the queued message", "category", "what kind of mail", "error", "the last SMTP error")),
            new EventType(TASK_COMPLETED, "A task's run succeeded (frequent housekeeping: live streams only).", TASKS,
                    Map.of("task_id", "the task", "job_id", "the job it runs", "run_id", "the run",
                            "trigger", "schedule or manual", "duration_ms", "how long it took", "result", "its summary")),
            new EventType(TASK_FAILED, "A task's run failed.", TASKS,
                    Map.of("task_id", "the task", "job_id", "the job it runs", "run_id", "the run",
                            "trigger", "schedule or manual", "error", "why", "failure_count", "failures so far")),
            new EventType(TASK_CREATED, "An administrator added a task.", TASKS, Map.of("task_id", "the task", "job_id", "its job")),
            new EventType(TASK_UPDATED, "A task's schedule or parameters changed.", TASKS, Map.of("task_id", "the task")),
            new EventType(TASK_DELETED, "An added task was removed.", TASKS, Map.of("task_id", "the task")),
            new EventType(TASK_PAUSED, "A task was paused.", TASKS, Map.of("task_id", "the task")),
            new EventType(TASK_RESUMED, "A paused task was resumed.", TASKS, Map.of("task_id", "the task")),
            new EventType(ALERT_TRIGGERED, "An alert rule's condition held for its duration: an alert fired.", MONITORING,
                    Map.of("alert_id", "the alert", "rule_id", "its rule", "rule_name", "the rule's name",
                            "severity", "critical, warning or info", "metric", "what was measured",
                            "value", "the value seen", "condition", "e.g. >", "threshold", "the threshold",
                            "webhook_ids", "the rule's webhook subscriptions, which get the event whatever their filter")),
            new EventType(ALERT_ACKNOWLEDGED, "Someone acknowledged a firing alert (no more reminders).", MONITORING,
                    Map.of("alert_id", "the alert", "rule_id", "its rule", "rule_name", "the rule's name",
                            "webhook_ids", "the rule's webhook subscriptions")),
            new EventType(ALERT_RESOLVED, "An alert's condition no longer holds.", MONITORING,
                    Map.of("alert_id", "the alert", "rule_id", "its rule", "rule_name", "the rule's name",
                            "value", "the value seen", "webhook_ids", "the rule's webhook subscriptions")),
            new EventType(ALERT_RULE_CREATED, "An alert rule was created.", MONITORING, Map.of("rule_id", "the rule")),
            new EventType(ALERT_RULE_UPDATED, "An alert rule was changed.", MONITORING, Map.of("rule_id", "the rule")),
            new EventType(ALERT_RULE_DELETED, "An alert rule was deleted.", MONITORING, Map.of("rule_id", "the rule")),
            new EventType(LOGS_CLEARED, "Stored log entries older than a date were deleted.", Permissions.view("logs"),
                    Map.of("older_than", "the date", "deleted_count", "how many")),
            new EventType(LOG_LEVEL_CHANGED, "A logger's level was changed at run time.", Permissions.view("logs"),
                    Map.of("logger", "the logger (ROOT for the root logger)", "level", "the new level",
                            "previous", "the level before")));

    private EventCatalogue() {
    }

    public static Optional<EventType> find(String type) {
        return CORE.stream().filter(t -> t.name().equals(type)).findFirst();
    }

    /**
     * What a caller must hold to see an event of {@code type}: the catalogue's permission, else (a plugin's own type,
     * not described) {@code admin.audit.view}.
     */
    public static String permissionFor(String type) {
        return find(type).map(EventType::permission).orElse(AUDIT);
    }
}
