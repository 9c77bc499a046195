package dev.pergola.backup.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON configuration of the format: streams are never closed by Jackson, big values are allowed. */
final class Json {
    /** Values are bounded by the database, not by Jackson's 20 M-character default (a BLOB in base64 is bigger). */
    static final int MAX_STRING = Integer.MAX_VALUE - 64;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING).build())
            .build();

    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }
}
