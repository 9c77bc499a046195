package dev.pergola.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.Channel;

/**
 * Turns an entry into the row to insert: fields the entry leaves null come from its own origin, then from the origin
 * bound to the thread; before/after/details become redacted JSON; strings are cut to their columns.
 */
final class EntryRows {
    /** Who acts when a request carries no signed-in user (a login attempt). */
    static final AuditActor ANONYMOUS = new AuditActor("anonymous", "anonymous", null, null);

    private final AuditJson json;

    EntryRows(AuditJson json) {
        this.json = json;
    }

    /**
     * {@code evt_} + the time in milliseconds (12 hex digits) + 80 random bits: unique, and increasing with time, so
     * new rows land at the end of the primary-key index instead of all over it (cheaper inserts).
     */
    static String newId() {
        byte[] random = new byte[10];
        ThreadLocalRandom.current().nextBytes(random);
        return "evt_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(random);
    }

    AuditRow toRow(AuditEntry entry, AuditOrigin bound, Instant now) {
        AuditOrigin own = entry.origin();
        Channel channel = own != null ? own.channel() : bound.channel();
        AuditActor actor = entry.actor() != null ? entry.actor()
                : own != null && own.actor() != null ? own.actor()
                : bound.actor() != null ? bound.actor()
                : channel == Channel.SYSTEM ? AuditActor.PLATFORM : ANONYMOUS;
        String details = entry.details().isEmpty() ? null : json.write(entry.details());
        return new AuditRow(newId(), null, now.truncatedTo(ChronoUnit.MILLIS), entry.action(),
                entry.outcome().toString(), cut(actor.type(), 16), cut(actor.id(), 100), cut(actor.name(), 255),
                cut(actor.userId(), 100), channel.toString(), cut(entry.targetType(), 64), cut(entry.targetId(), 255),
                cut(entry.targetName(), 255),
                cut(own != null && own.clientAddress() != null ? own.clientAddress() : bound.clientAddress(), 64),
                cut(own != null && own.userAgent() != null ? own.userAgent() : bound.userAgent(), 512),
                cut(own != null && own.requestId() != null ? own.requestId() : bound.requestId(), 128),
                json.write(entry.before()), json.write(entry.after()), details, null, null);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
