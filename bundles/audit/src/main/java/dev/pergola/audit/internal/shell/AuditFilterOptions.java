package dev.pergola.audit.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;

/** The filters {@code audit:list} and {@code audit:export} share, turned into the REST list language. */
abstract class AuditFilterOptions {
    @Option(name = "--user", aliases = "-u", description = "Only what this user id did (for an API key: its owner)")
    String user;

    @Option(name = "--action", aliases = "-a", description = "An action, or a family such as user.*")
    String action;

    @Option(name = "--target-type", description = "Only changes to this kind of thing (user, role, plugin…)")
    String targetType;

    @Option(name = "--target-id", description = "Only changes to this target id")
    String targetId;

    @Option(name = "--outcome", description = "success, denied or failed")
    String outcome;

    @Option(name = "--channel", description = "rest, shell, web_console or system")
    String channel;

    @Option(name = "--from", description = "From this time on (ISO-8601 instant or date, UTC)")
    String from;

    @Option(name = "--to", description = "Before this time (ISO-8601 instant or date, UTC)")
    String to;

    @Option(name = "--search", aliases = "-s", description = "Text in the action, actor name or target name")
    String search;

    /** The query parameters REST would receive for these options. */
    Map<String, List<String>> params() {
        Map<String, List<String>> params = new HashMap<>();
        put(params, "filter[user]", user);
        put(params, "filter[action]", action);
        put(params, "filter[target_type]", targetType);
        put(params, "filter[target_id]", targetId);
        put(params, "filter[outcome]", outcome);
        put(params, "filter[channel]", channel);
        put(params, "filter[occurred_at][gte]", from);
        put(params, "filter[occurred_at][lt]", to);
        put(params, "search", search);
        return params;
    }

    static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, List.of(value));
        }
    }
}
