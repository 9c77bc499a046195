package dev.pergola.api.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One change to record. Build it with {@link #of(String)} and the {@code with…} methods; what is left null is
 * filled from the {@link AuditOrigin} bound to the thread (actor, channel, client address, user agent, request id),
 * else the platform itself.
 *
 * <p>{@code before}, {@code after} and the {@code details} values are anything Jackson writes as JSON (DTO records,
 * maps, lists, strings, numbers). The audit trail writes them with snake_case names and replaces the value of every
 * field whose name says it holds a secret ({@code password}, {@code secret}, {@code token}, {@code key}, {@code hash},
 * {@code credential}…) by {@code "[redacted]"}, at any depth. Never put a secret in a field with an innocent name.
 *
 * @param action the event type, a dotted name from {@link dev.pergola.api.events.EventTypes} or a plugin's own
 *               ({@code acme.note.created})
 * @param outcome how it ended; {@link Outcome#SUCCESS} by default
 * @param actor who acted; null for the bound origin's actor
 * @param targetType what kind of thing changed ({@code user}, {@code role}, {@code plugin}, …); may be null
 * @param targetId its id (the user's id, the plugin's slug); may be null
 * @param targetName how to show it (username, role name); may be null
 * @param before the state before the change; null for a creation
 * @param after the state after the change; null for a deletion
 * @param details anything else worth knowing (the attempted username, the error), never null
 * @param origin where the change came from; null for the bound origin
 */
public record AuditEntry(String action, Outcome outcome, AuditActor actor, String targetType, String targetId,
        String targetName, Object before, Object after, Map<String, Object> details, AuditOrigin origin) {
    /** Dotted lower-case names: {@code user.created}, {@code acme.note.created}. */
    public static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    /** Longest action name stored. */
    public static final int ACTION_MAX = 100;

    public AuditEntry {
        if (action == null || action.length() > ACTION_MAX || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("an audit action is a dotted lower-case name such as user.created, not '"
                    + action + "'");
        }
        outcome = outcome == null ? Outcome.SUCCESS : outcome;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A successful {@code action} with nothing else known yet. */
    public static AuditEntry of(String action) {
        return new AuditEntry(action, Outcome.SUCCESS, null, null, null, null, null, null, Map.of(), null);
    }

    public AuditEntry withOutcome(Outcome o) {
        return new AuditEntry(action, o, actor, targetType, targetId, targetName, before, after, details, origin);
    }

    public AuditEntry withActor(AuditActor a) {
        return new AuditEntry(action, outcome, a, targetType, targetId, targetName, before, after, details, origin);
    }

    public AuditEntry withTarget(String type, String id, String name) {
        return new AuditEntry(action, outcome, actor, type, id, name, before, after, details, origin);
    }

    public AuditEntry withTarget(String type, String id) {
        return withTarget(type, id, null);
    }

    public AuditEntry withBefore(Object state) {
        return new AuditEntry(action, outcome, actor, targetType, targetId, targetName, state, after, details, origin);
    }

    public AuditEntry withAfter(Object state) {
        return new AuditEntry(action, outcome, actor, targetType, targetId, targetName, before, state, details, origin);
    }

    /** This entry with one more detail (a null value removes the key). */
    public AuditEntry withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        if (value == null) {
            more.remove(key);
        } else {
            more.put(key, value);
        }
        return new AuditEntry(action, outcome, actor, targetType, targetId, targetName, before, after, more, origin);
    }

    public AuditEntry withOrigin(AuditOrigin o) {
        return new AuditEntry(action, outcome, actor, targetType, targetId, targetName, before, after, details, o);
    }
}
