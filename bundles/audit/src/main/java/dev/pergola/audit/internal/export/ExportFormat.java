package dev.pergola.audit.internal.export;

import java.util.Locale;

import dev.pergola.api.errors.PergolaException;

/** The export formats: a JSON array, RFC 4180 CSV with a header row, or a PDF report with extractable text. */
public enum ExportFormat {
    JSON("application/json", "json"), CSV("text/csv; charset=UTF-8", "csv"), PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** @throws PergolaException VALIDATION_ERROR for an unknown format */
    public static ExportFormat of(String name) {
        for (ExportFormat f : values()) {
            if (f.extension.equals(name == null ? "json" : name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw PergolaException.invalid("format", "is one of json, csv, pdf");
    }
}
