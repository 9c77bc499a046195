package dev.pergola.backup.internal.format;

/**
 * A column of a backed-up table with its portable type.
 *
 * @param name         as the source database reports it, lower-cased
 * @param type         portable type: varchar, text, integer, bigint, smallint, boolean, decimal, double, real,
 *                     timestamp, timestamptz, date, time, binary, uuid
 * @param length       maximum length of a varchar/binary, else {@code null}
 * @param precision    precision of a decimal, else {@code null}
 * @param scale        scale of a decimal, else {@code null}
 * @param nullable     whether the column accepts NULL
 * @param defaultValue portable default: a SQL literal ({@code 'token'}, {@code 0}, {@code TRUE}) or
 *                     {@code CURRENT_TIMESTAMP}; {@code null} = none or not portable
 * @param identity     filled by the database (identity / serial): restarted after a load
 */
public record Column(String name, String type, Integer length, Integer precision, Integer scale, boolean nullable,
        String defaultValue, boolean identity) {

    /** A column without default, not an identity. */
    public Column(String name, String type, Integer length, Integer precision, Integer scale, boolean nullable) {
        this(name, type, length, precision, scale, nullable, null, false);
    }
}
