package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** manifest.json, written field by field so the file format does not follow Java renames. */
final class ManifestJson {
    static final String ENTRY = "manifest.json";
    static final String FORMAT = "pergola-backup";

    private ManifestJson() {
    }

    static void write(JsonFactory json, OutputStream out, Manifest m) throws IOException {
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("format_version", m.formatVersion());
            g.writeStringField("pergola_version", m.pergolaVersion());
            g.writeStringField("created_at", m.createdAt() == null ? null : m.createdAt().toString());
            g.writeStringField("database_type", m.databaseType());
            g.writeStringField("installation_id", m.installationId());
            g.writeBooleanField("encrypted", m.encrypted());
            g.writeObjectFieldStart("schema_versions");
            for (Map.Entry<String, String> e : m.schemaVersions().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("tables");
            for (TableEntry t : m.tables()) {
                writeTable(g, t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (FileEntry f : m.files()) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                g.writeNumberField("size", f.size());
                g.writeStringField("sha256", f.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("sequences");
            for (Map.Entry<String, Long> e : m.sequences().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeTable(JsonGenerator g, TableEntry t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeArrayFieldStart("columns");
        for (Column c : t.columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type());
            if (c.length() != null) {
                g.writeNumberField("length", c.length());
            }
            if (c.precision() != null) {
                g.writeNumberField("precision", c.precision());
            }
            if (c.scale() != null) {
                g.writeNumberField("scale", c.scale());
            }
            g.writeBooleanField("nullable", c.nullable());
            if (c.defaultValue() != null) {
                g.writeStringField("default", c.defaultValue());
            }
            if (c.identity()) {
                g.writeBooleanField("identity", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("primary_key");
        for (String k : t.primaryKey()) {
            g.writeString(k);
        }
        g.writeEndArray();
        g.writeNumberField("rows", t.rows());
        g.writeStringField("sha256", t.sha256());
        g.writeEndObject();
    }

    /** Parses and checks the structure; anything missing or of the wrong kind refuses as CORRUPT. */
    static Manifest read(ObjectMapper mapper, InputStream in) throws BackupRefusedException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (IOException e) {
            throw corrupt("manifest.json is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw corrupt("manifest.json is not a Pergola backup manifest");
        }
        int version = required(root, "format_version").asInt();
        if (version < 1 || version > Manifest.FORMAT_VERSION) {
            throw new BackupRefusedException(BackupRefusedException.UNSUPPORTED_FORMAT,
                    "Backup format version " + version + " is not supported (this platform reads up to "
                            + Manifest.FORMAT_VERSION + ")");
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        required(root, "schema_versions").fields().forEachRemaining(e -> schemas.put(e.getKey(), e.getValue().asText()));
        List<TableEntry> tables = new ArrayList<>();
        for (JsonNode t : array(root, "tables")) {
            tables.add(readTable(t));
        }
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode f : array(root, "files")) {
            files.add(new FileEntry(text(f, "path"), required(f, "size").asLong(), text(f, "sha256")));
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        required(root, "sequences").fields().forEachRemaining(e -> sequences.put(e.getKey(), e.getValue().asLong()));
        String created = root.path("created_at").asText(null);
        try {
            return new Manifest(version, root.path("pergola_version").asText(null),
                    created == null ? null : Instant.parse(created), text(root, "database_type"),
                    root.path("installation_id").asText(null), schemas, tables, files, sequences,
                    root.path("encrypted").asBoolean());
        } catch (RuntimeException e) {
            throw corrupt("manifest.json has an invalid value: " + e.getMessage());
        }
    }

    private static TableEntry readTable(JsonNode t) throws BackupRefusedException {
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : array(t, "columns")) {
            columns.add(new Column(text(c, "name"), text(c, "type"), integer(c, "length"), integer(c, "precision"),
                    integer(c, "scale"), required(c, "nullable").asBoolean(), c.path("default").asText(null),
                    c.path("identity").asBoolean(false)));
        }
        List<String> key = new ArrayList<>();
        for (JsonNode k : array(t, "primary_key")) {
            key.add(k.asText());
        }
        return new TableEntry(text(t, "name"), columns, key, required(t, "rows").asLong(), text(t, "sha256"));
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static String text(JsonNode n, String field) throws BackupRefusedException {
        JsonNode v = required(n, field);
        if (!v.isTextual()) {
            throw corrupt("manifest.json: " + field + " must be a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode n, String field) throws BackupRefusedException {
        JsonNode v = required(n, field);
        if (!v.isArray()) {
            throw corrupt("manifest.json: " + field + " must be an array");
        }
        return v;
    }

    private static JsonNode required(JsonNode n, String field) throws BackupRefusedException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw corrupt("manifest.json lacks " + field);
        }
        return v;
    }

    static BackupRefusedException corrupt(String message) {
        return new BackupRefusedException(BackupRefusedException.CORRUPT, message);
    }
}
