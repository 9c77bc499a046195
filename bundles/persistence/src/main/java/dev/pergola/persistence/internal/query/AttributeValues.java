package dev.pergola.persistence.internal.query;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

/** Adapts a parsed query value to the Java type of the entity attribute it is compared with. */
final class AttributeValues {
    private AttributeValues() {
    }

    static Object adapt(Object value, Class<?> target) {
        if (value == null || target.isInstance(value)) {
            return value;
        }
        if (value instanceof Instant instant) {
            if (target == Timestamp.class) {
                return Timestamp.from(instant);
            }
            if (target == Date.class) {
                return Date.from(instant);
            }
            if (target == LocalDateTime.class) {
                return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
        }
        if (value instanceof UUID && target == String.class) {
            return value.toString();
        }
        if (value instanceof Number n) {
            if (target == Long.class || target == long.class) {
                return n.longValue();
            }
            if (target == Integer.class || target == int.class) {
                return n.intValue();
            }
            if (target == Double.class || target == double.class) {
                return n.doubleValue();
            }
            if (target == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
        }
        if (value instanceof Boolean && (target == boolean.class)) {
            return value;
        }
        throw new IllegalStateException("the list spec says " + value.getClass().getSimpleName()
                + " but the entity attribute is " + target.getSimpleName());
    }
}
