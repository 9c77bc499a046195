package dev.pergola.audit.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.audit.Outcome;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.query.ListQuery;
import dev.pergola.audit.internal.AuditJson;
import dev.pergola.audit.internal.query.AuditRecords;

/**
 * Streams the records matching a list query as JSON, CSV or PDF, page by page from the database, and records the
 * export itself ({@code audit.exported}: format, filters, count) — for REST and the shell alike.
 */
@Component(service = AuditExports.class)
public class AuditExports {
    private final AuditRecords records;
    private final AuditTrail audit;
    private final ObjectMapper mapper = new AuditJson().mapper();

    @Activate
    public AuditExports(@Reference AuditRecords records, @Reference AuditTrail audit) {
        this.records = records;
        this.audit = audit;
    }

    /**
     * Writes the export to {@code out} (left open). {@code origin} is who asked, taken when the request arrived: the
     * stream may be written after the request's own origin binding has closed.
     *
     * @return how many records were written
     */
    public long export(ListQuery query, String actionPrefix, ExportFormat format, OutputStream out, AuditOrigin origin)
            throws IOException {
        AuditEntry entry = AuditEntry.of(EventTypes.AUDIT_EXPORTED).withOrigin(origin).withDetail("format",
                format.extension()).withDetail("filters", AuditRecords.describe(query, actionPrefix));
        long count;
        try {
            RecordWriter writer = switch (format) {
                case JSON -> new JsonRecordWriter(mapper, out);
                case CSV -> new CsvRecordWriter(mapper, out);
                case PDF -> new PdfRecordWriter(out, "Pergola audit export " + AuditRecords.describe(query, actionPrefix));
            };
            count = records.forEach(query, actionPrefix, r -> {
                try {
                    writer.write(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.finish();
        } catch (IOException | RuntimeException e) {
            audit.record(entry.withOutcome(Outcome.FAILED).withDetail("error", e.getMessage()));
            if (e instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
        audit.record(entry.withDetail("count", count));
        return count;
    }
}
