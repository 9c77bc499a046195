package dev.pergola.audit.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import dev.pergola.audit.internal.query.AuditRecordView;

/**
 * A landscape A4 report, one block per record (position, time, action, outcome, actor, channel, target, origin,
 * then the changed fields), in Helvetica so the text extracts as typed. Page content goes to a temporary file as it
 * is written (PDFBox's temp-file stream cache), not to the heap; the document is assembled at {@link #finish()}.
 */
final class PdfRecordWriter implements RecordWriter {
    private static final float SIZE = 8;
    private static final float LEADING = 10.5f;
    private static final float MARGIN = 36;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private final OutputStream out;
    private final PDDocument doc;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private float y;
    private long records;

    PdfRecordWriter(OutputStream out, String title) throws IOException {
        this.out = out;
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        newPage();
        line(bold, title);
        line(font, "Generated " + Instant.now());
        y -= LEADING;
    }

    @Override
    public void write(AuditRecordView r) throws IOException {
        AuditRecordView.Target t = r.target();
        String head = "#" + (r.seq() == null ? "unsealed" : r.seq()) + "  " + r.occurredAt() + "  " + r.action()
                + "  " + r.outcome() + "  by " + (r.actor().name() == null ? r.actor().id() : r.actor().name())
                + " (" + r.actor().type() + ")  via " + r.channel()
                + (t == null ? "" : "  on " + t.type() + " " + t.id() + (t.name() == null ? "" : " (" + t.name() + ")"))
                + (r.clientAddress() == null ? "" : "  from " + r.clientAddress());
        if (y - LEADING * 2 < MARGIN) {
            newPage();
        }
        line(bold, head);
        if (r.changes() != null && !r.changes().isEmpty()) {
            StringBuilder changes = new StringBuilder("changes: ");
            for (AuditRecordView.Change c : r.changes()) {
                changes.append(c.field()).append(": ").append(c.before()).append(" -> ").append(c.after()).append("; ");
            }
            wrap(changes.toString());
        }
        if (r.details() != null && !r.details().isEmpty()) {
            wrap("details: " + r.details());
        }
        y -= LEADING / 2;
        records++;
    }

    @Override
    public void finish() throws IOException {
        line(bold, records + " records");
        page.close();
        doc.save(out);
        doc.close();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PAGE);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PAGE.getHeight() - MARGIN;
    }

    private void wrap(String text) throws IOException {
        for (String part : split(printable(text), PAGE.getWidth() - 2 * MARGIN - 12)) {
            line(font, "    " + part);
        }
    }

    private List<String> split(String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * SIZE > width && current.length() > 0) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines.size() > 40 ? List.of(lines.get(0) + " …(" + lines.size() + " lines, see the JSON export)") : lines;
    }

    private void line(PDType1Font f, String text) throws IOException {
        if (y < MARGIN) {
            newPage();
        }
        page.beginText();
        page.setFont(f, SIZE);
        page.newLineAtOffset(MARGIN, y);
        page.showText(printable(text));
        page.endText();
        y -= LEADING;
    }

    /** Helvetica speaks WinAnsi: anything else is shown as '?'. */
    static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            s.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? c : '?');
        }
        return s.toString();
    }
}
