package dev.pergola.rest.internal.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.pergola.api.query.FieldType;

/** Converts one query-string value to its field's type, or says in words what was expected. */
final class QueryValues {
    private QueryValues() {
    }

    /** @throws IllegalArgumentException with a message fit for the client */
    static Object convert(String raw, FieldType type) {
        String v = raw.trim();
        try {
            return switch (type) {
                case STRING -> raw;
                case INTEGER -> Integer.valueOf(v);
                case LONG -> Long.valueOf(v);
                case DECIMAL -> new BigDecimal(v);
                case BOOLEAN -> switch (v) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("'" + raw + "' is not true or false");
                };
                case TIMESTAMP -> v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : Instant.parse(v);
                case UUID -> UUID.fromString(v);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not " + (type == FieldType.DECIMAL ? "a number" : "a whole number"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an ISO-8601 date or instant (2026-01-31 or 2026-01-31T12:00:00Z)");
        } catch (IllegalArgumentException e) {
            if (type == FieldType.UUID) {
                throw new IllegalArgumentException("'" + raw + "' is not a UUID");
            }
            throw e;
        }
    }
}
