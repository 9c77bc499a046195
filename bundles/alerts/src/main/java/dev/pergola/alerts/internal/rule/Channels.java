package dev.pergola.alerts.internal.rule;

import java.util.List;

/** Whom a rule tells: mail addresses and webhook subscriptions (by id) that get its transitions. */
public record Channels(List<String> emails, List<String> webhookIds) {
    public Channels {
        emails = emails == null ? List.of() : List.copyOf(emails);
        webhookIds = webhookIds == null ? List.of() : List.copyOf(webhookIds);
    }

    public static final Channels NONE = new Channels(List.of(), List.of());
}
