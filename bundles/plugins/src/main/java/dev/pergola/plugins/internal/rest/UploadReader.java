package dev.pergola.plugins.internal.rest;

import dev.pergola.api.errors.PergolaException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.fileupload.MultipartStream;


/**
 * Streams an upload to a file, never holding it in memory: either the raw request body, or the part named
 * {@value #FIELD} of a {@code multipart/form-data} body (parsed with Commons FileUpload's MultipartStream).
 * Larger than the limit → 413, without reading the rest.
 */
final class UploadReader {
    static final String FIELD = "plugin_file";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final int MAX_PARTS = 20;

    private UploadReader() {
    }

    static void read(String contentType, InputStream body, Path target, long limit) {
        try (OutputStream out = new Limited(Files.newOutputStream(target), limit)) {
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                readPart(contentType, body, out);
            } else {
                body.transferTo(out);
            }
        } catch (MultipartStream.MalformedStreamException e) {
            throw new PergolaException("MALFORMED_REQUEST", "The multipart body is malformed: " + e.getMessage());
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PergolaException api) {
                    throw api;
                }
            }
            throw new PergolaException("MALFORMED_REQUEST", "The upload could not be read: " + e.getMessage());
        }
    }

    private static void readPart(String contentType, InputStream body, OutputStream out) throws IOException {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new PergolaException("MALFORMED_REQUEST", "multipart/form-data without a boundary");
        }
        String value = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
        MultipartStream parts = new MultipartStream(body, value.getBytes(StandardCharsets.ISO_8859_1), 8192, null);
        boolean more = parts.skipPreamble();
        for (int i = 0; more && i < MAX_PARTS; i++) {
            Matcher name = PART_NAME.matcher(parts.readHeaders());
            if (name.find() && name.group(1).equals(FIELD)) {
                parts.readBodyData(out);
                return;
            }
            parts.discardBodyData();
            more = parts.readBoundary();
        }
        String message = "The multipart body has no part named '" + FIELD + "' (the plugin jar).";
        throw new PergolaException("VALIDATION_ERROR", message, Map.of(FIELD, List.of(message)), Map.of());
    }

    /** Fails with 413 as soon as more than {@code limit} bytes are written. */
    private static final class Limited extends FilterOutputStream {
        private final long limit;
        private long written;

        Limited(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws IOException {
            written += n;
            if (written > limit) {
                throw new IOException(new PergolaException("PAYLOAD_TOO_LARGE", "The plugin file is larger than "
                        + limit + " bytes (setting upload.max.bytes of dev.pergola.plugins)."));
            }
        }
    }
}
