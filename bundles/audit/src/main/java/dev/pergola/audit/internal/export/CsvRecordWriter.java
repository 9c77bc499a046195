package dev.pergola.audit.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.audit.internal.query.AuditRecordView;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, every field quoted (quotes doubled), so commas, quotes and line breaks
 * inside values survive. {@code before}, {@code after} and {@code details} are JSON text. A value a spreadsheet would
 * run as a formula ({@code =}, {@code +}, {@code -}, {@code @} first) gets a leading apostrophe.
 */
final class CsvRecordWriter implements RecordWriter {
    static final List<String> HEADER = List.of("seq", "id", "occurred_at", "action", "outcome", "actor_type",
            "actor_id", "actor_name", "actor_user_id", "channel", "target_type", "target_id", "target_name",
            "client_address", "user_agent", "request_id", "before", "after", "details", "hash");

    private final Writer out;
    private final ObjectMapper mapper;

    CsvRecordWriter(ObjectMapper mapper, OutputStream out) throws IOException {
        this.mapper = mapper;
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        row(HEADER);
    }

    @Override
    public void write(AuditRecordView r) throws IOException {
        AuditRecordView.Target t = r.target();
        row(java.util.Arrays.asList(r.seq() == null ? "" : r.seq().toString(), r.id(), r.occurredAt().toString(),
                r.action(), r.outcome(), r.actor().type(), r.actor().id(), r.actor().name(), r.actor().userId(),
                r.channel(), t == null ? null : t.type(), t == null ? null : t.id(), t == null ? null : t.name(),
                r.clientAddress(), r.userAgent(), r.requestId(), json(r.before()), json(r.after()), json(r.details()),
                r.hash()));
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    private String json(Object value) throws IOException {
        return value == null ? null : mapper.writeValueAsString(value);
    }

    private void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
