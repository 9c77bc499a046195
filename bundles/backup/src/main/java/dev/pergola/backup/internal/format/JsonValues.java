package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * One portable value in JSON, both ways (docs/backup-format.md, "Values"). Written from and read into the Java
 * types {@link dev.pergola.backup.internal.db.PortableTypes} reads from and binds to JDBC.
 */
final class JsonValues {

    private JsonValues() {
    }

    static void write(JsonGenerator g, String type, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case "integer", "smallint" -> g.writeNumber(((Number) value).intValue());
            case "bigint" -> g.writeNumber(((Number) value).longValue());
            case "boolean" -> g.writeBoolean((Boolean) value);
            case "decimal" -> g.writeString(((BigDecimal) value).toPlainString()); // exact, any scale
            case "double", "real" -> writeFloating(g, ((Number) value).doubleValue(), type);
            case "timestamptz" -> g.writeString(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toString());
            case "binary" -> g.writeBinary((byte[]) value);
            default -> g.writeString(value.toString()); // varchar, text, timestamp, date, time, uuid: ISO / canonical
        }
    }

    private static void writeFloating(JsonGenerator g, double v, String type) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeString(Double.toString(v)); // "NaN", "Infinity", "-Infinity": JSON has no number for them
        } else if ("real".equals(type)) {
            g.writeNumber((float) v);
        } else {
            g.writeNumber(v);
        }
    }

    /** Reads the value at the parser's current token. */
    static Object read(JsonParser p, String type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (type) {
            case "integer", "smallint" -> p.getIntValue();
            case "bigint" -> p.getLongValue();
            case "boolean" -> p.getBooleanValue();
            case "decimal" -> t == JsonToken.VALUE_STRING ? new BigDecimal(p.getText()) : p.getDecimalValue();
            case "double" -> t == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText()) : p.getDoubleValue();
            case "real" -> t == JsonToken.VALUE_STRING ? Float.parseFloat(p.getText()) : p.getFloatValue();
            case "timestamp" -> LocalDateTime.parse(p.getText());
            case "timestamptz" -> OffsetDateTime.parse(p.getText());
            case "date" -> LocalDate.parse(p.getText());
            case "time" -> LocalTime.parse(p.getText());
            case "binary" -> p.getBinaryValue();
            case "uuid" -> UUID.fromString(p.getText());
            default -> p.getText();
        };
    }
}
