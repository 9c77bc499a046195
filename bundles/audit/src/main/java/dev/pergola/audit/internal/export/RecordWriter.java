package dev.pergola.audit.internal.export;

import java.io.IOException;

import dev.pergola.audit.internal.query.AuditRecordView;

/** Writes records one at a time to an output stream it does not close; {@link #finish()} completes the document. */
interface RecordWriter {
    void write(AuditRecordView record) throws IOException;

    void finish() throws IOException;
}
