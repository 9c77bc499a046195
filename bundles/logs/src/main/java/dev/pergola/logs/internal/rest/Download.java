package dev.pergola.logs.internal.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.logs.internal.store.LogEntry;

/**
 * {@code GET /api/v1/logs/download?format=json|csv}: written entry by entry while the database is read. JSON is one
 * array of the list's objects with stack traces; CSV is RFC 4180 (every field quoted, CRLF), and a value a spreadsheet
 * would run as a formula gets a leading apostrophe.
 */
enum Download {
    JSON("application/json", "json"), CSV("text/csv; charset=UTF-8", "csv");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String mediaType;
    final String extension;

    Download(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    static Download of(String format) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw PergolaException.invalid("format", "is json or csv");
        };
    }

    /** Writes the entries {@code source} hands over to {@code out}. */
    void write(OutputStream out, Consumer<Consumer<LogEntry>> source) throws IOException {
        try {
            if (this == JSON) {
                try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
                    json.writeStartArray();
                    source.accept(e -> write(json, EntryFields.of(e, true)));
                    json.writeEndArray();
                }
            } else {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                row(w, EntryFields.NAMES);
                source.accept(e -> row(w, EntryFields.of(e, true).values().stream()
                        .map(v -> v == null ? null : v.toString()).toList()));
                w.flush();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void write(JsonGenerator json, Map<String, Object> fields) {
        try {
            MAPPER.writeValue(json, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(Writer w, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(quote(fields.get(i)));
            }
            w.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
