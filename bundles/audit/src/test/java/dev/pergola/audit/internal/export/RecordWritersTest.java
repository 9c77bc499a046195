package dev.pergola.audit.internal.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.audit.internal.AuditJson;
import dev.pergola.audit.internal.query.AuditRecordView;
import dev.pergola.audit.internal.query.Changes;

/** The three export formats read back by ordinary parsers: Jackson, Commons CSV, PDFBox's text extraction. */
public class RecordWritersTest {
    private final ObjectMapper mapper = new AuditJson().mapper();

    private static AuditRecordView record(long seq, String name) {
        Map<String, Object> before = Map.of("name", name, "note", "line one\nline \"two\", three");
        Map<String, Object> after = Map.of("name", name + " renamed", "note", "ünïcödé → ok");
        return new AuditRecordView("evt_" + seq, seq, Instant.parse("2026-11-29T10:00:00.123Z"), "role.updated",
                "success", new AuditRecordView.Actor("user", "u1", "alice", "u1"), "rest",
                new AuditRecordView.Target("role", "r" + seq, name), "10.0.0.1", "curl/8", "req-" + seq, before, after,
                Map.of("reason", "=HYPERLINK(\"x\")"), Changes.between(before, after), "p" + seq, "h" + seq);
    }

    @Test
    public void jsonIsAnArrayOfFullRecords() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter w = new JsonRecordWriter(mapper, out);
        w.write(record(1, "ops"));
        w.write(record(2, "dev"));
        w.finish();
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(2, json.size());
        assertEquals("ops renamed", json.get(0).path("after").path("name").asText());
        assertEquals("2026-11-29T10:00:00.123Z", json.get(1).path("occurred_at").asText());
        assertEquals("alice", json.get(1).path("actor").path("name").asText());
    }

    @Test
    public void csvRoundTripsThroughACsvParser() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter w = new CsvRecordWriter(mapper, out);
        w.write(record(1, "ops, \"core\""));
        w.write(record(2, "dev"));
        w.finish();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertEquals(2, rows.size());
        assertEquals(CsvRecordWriter.HEADER, rows.get(0).getParser().getHeaderNames());
        assertEquals("ops, \"core\"", rows.get(0).get("target_name"));
        assertEquals("1", rows.get(0).get("seq"));
        Map<?, ?> before = new ObjectMapper().readValue(rows.get(0).get("before"), Map.class);
        assertEquals("line one\nline \"two\", three", before.get("note"));
        assertTrue("a formula is defused: " + rows.get(0).get("details"), rows.get(0).get("details").startsWith("{"));
        assertEquals("'=x", CsvRecordWriter.quote("=x").replace("\"", ""));
    }

    @Test
    public void pdfTextIsExtractable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter w = new PdfRecordWriter(out, "Pergola audit export");
        for (int i = 1; i <= 120; i++) { // several pages
            w.write(record(i, "team-" + i));
        }
        w.finish();
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            assertTrue(pdf.getNumberOfPages() > 1);
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text, text.contains("Pergola audit export"));
            assertTrue(text.contains("#1 2026-11-29T10:00:00.123Z role.updated success by alice (user)")
                    || text.contains("#1  2026-11-29T10:00:00.123Z  role.updated"));
            assertTrue(text.contains("team-120"));
            assertTrue(text.contains("name: team-7 -> team-7 renamed"));
            assertTrue(text.contains("120 records"));
        }
    }
}
