package dev.pergola.audit.internal.shell;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.query.ListQueryParser;
import dev.pergola.audit.internal.export.AuditExports;
import dev.pergola.audit.internal.export.ExportFormat;
import dev.pergola.audit.internal.query.AuditQuery;
import dev.pergola.audit.internal.retention.PrivateFiles;

/** {@code audit:export --format csv --output audit.csv [filters]}: the REST export, to a file only its owner reads. */
@Service
@Command(scope = "audit", name = "export", description = "Exports audit records to a JSON, CSV or PDF file")
public class AuditExportCommand extends AuditFilterOptions implements Action {
    @Option(name = "--format", aliases = "-f", description = "json (default), csv or pdf")
    String format;

    @Option(name = "--output", aliases = "-o", required = true, description = "The file to write (replaced if it exists)")
    String output;

    @Reference
    AuditExports exports;

    @Reference
    AuditTrail audit;

    @Reference
    ListQueryParser parser;

    @Override
    public Object execute() throws Exception {
        ExportFormat f = ExportFormat.of(format);
        AuditQuery q = AuditQuery.parse(parser, params());
        Path file = Paths.get(output).toAbsolutePath();
        PrivateFiles.create(file);
        long count;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            count = exports.export(q.query(), q.actionPrefix(), f, out, audit.origin());
        }
        System.out.println("Exported " + count + " record(s) to " + file);
        return null;
    }
}
