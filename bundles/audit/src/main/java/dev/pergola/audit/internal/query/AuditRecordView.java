package dev.pergola.audit.internal.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audit record as the API shows it (snake_case JSON; nulls left out). Lists carry no {@code before},
 * {@code after}, {@code details} or {@code changes}; one record and exports do.
 *
 * @param seq its place in the chain; null until sealed (a fraction of a second after commit)
 * @param changes the fields that differ between {@code before} and {@code after}, dotted paths for nested ones
 */
public record AuditRecordView(String id, Long seq, Instant occurredAt, String action, String outcome, Actor actor,
        String channel, Target target, String clientAddress, String userAgent, String requestId, Object before,
        Object after, Map<String, Object> details, List<Change> changes, String prevHash, String hash) {

    public record Actor(String type, String id, String name, String userId) {
    }

    public record Target(String type, String id, String name) {
    }

    /** One changed field; {@code before} or {@code after} is absent when the field was added or removed. */
    public record Change(String field, Object before, Object after) {
    }
}
