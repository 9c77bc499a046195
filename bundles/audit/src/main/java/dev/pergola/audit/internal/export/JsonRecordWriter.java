package dev.pergola.audit.internal.export;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.audit.internal.query.AuditRecordView;

/** A JSON array of full records (snake_case, as the API shows one record), written as they come. */
final class JsonRecordWriter implements RecordWriter {
    private final JsonGenerator json;

    JsonRecordWriter(ObjectMapper mapper, OutputStream out) throws IOException {
        json = mapper.getFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartArray();
    }

    @Override
    public void write(AuditRecordView record) throws IOException {
        json.writeObject(record);
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.flush();
    }
}
