package dev.pergola.api.query;

/** How a query value is read: {@code TIMESTAMP} is ISO-8601 (an instant, or a date meaning its start in UTC). */
public enum FieldType {
    STRING, INTEGER, LONG, DECIMAL, BOOLEAN, TIMESTAMP, UUID;

    /** Whether gt/gte/lt/lte/between make sense. */
    public boolean isOrdered() {
        return this != BOOLEAN && this != UUID;
    }
}
