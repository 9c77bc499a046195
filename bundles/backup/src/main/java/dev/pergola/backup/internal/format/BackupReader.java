package dev.pergola.backup.internal.format;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Reads a backup written by {@link BackupWriter}: verify first, then read. See docs/backup-format.md. */
public final class BackupReader {
    private static final Set<String> TYPES = Set.of("varchar", "text", "integer", "bigint", "smallint", "boolean",
            "decimal", "double", "real", "timestamp", "timestamptz", "date", "time", "binary", "uuid");

    private BackupReader() {
    }

    /**
     * Whole pass: decrypt, every entry's SHA-256 and row count against the manifest, nothing missing or extra.
     *
     * @param passphrase required when the file is encrypted, ignored otherwise
     * @param bytesRead  called with the bytes of the file read so far (every MiB and at the end)
     * @return the manifest, trusted
     */
    public static Manifest verify(Path file, char[] passphrase, LongConsumer bytesRead)
            throws BackupRefusedException, IOException {
        try (InputStream raw = new Progress(Files.newInputStream(file), bytesRead)) {
            TailInputStream tail = new TailInputStream(open(raw, passphrase));
            ZipInputStream zip = new ZipInputStream(tail);
            Map<String, long[]> counted = new HashMap<>(); // entry → {bytes, newlines}
            Map<String, String> digests = new HashMap<>();
            List<ZipEntry> entries = new ArrayList<>();
            Manifest manifest = null;
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                entries.add(e);
                if (manifest != null) {
                    throw ManifestJson.corrupt("Entry " + name + " follows manifest.json, which must be last");
                }
                if (name.equals(ManifestJson.ENTRY)) {
                    manifest = ManifestJson.read(Json.MAPPER, new KeepOpen(zip));
                    continue;
                }
                if (digests.containsKey(name)) {
                    throw ManifestJson.corrupt("Entry " + name + " appears twice");
                }
                MessageDigest digest = Hex.sha256();
                long bytes = 0;
                long lines = 0;
                for (int n; (n = zip.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
                digests.put(name, Hex.of(digest));
                counted.put(name, new long[] {bytes, lines});
            }
            tail.drain();
            ZipTrailer.check(tail, entries);
            if (manifest == null) {
                throw ManifestJson.corrupt("The backup has no manifest.json");
            }
            compare(manifest, digests, counted);
            ZipTrailer.checkSeal(tail);
            return manifest;
        } catch (RefusedIOException e) {
            throw e.refusal();
        } catch (EOFException e) {
            throw new BackupRefusedException(BackupRefusedException.TRUNCATED, "The backup ends early: " + e.getMessage());
        } catch (ZipException e) {
            throw ManifestJson.corrupt("The backup is damaged: " + e.getMessage());
        }
    }

    private static void compare(Manifest m, Map<String, String> digests, Map<String, long[]> counted)
            throws BackupRefusedException {
        Set<String> expected = new HashSet<>();
        for (TableEntry t : m.tables()) {
            if (!EntryNames.isTableName(t.name()) || !expected.add(t.entryName())) {
                throw ManifestJson.corrupt("manifest.json names table " + t.name() + " twice or unsafely");
            }
            for (Column c : t.columns()) {
                if (!TYPES.contains(c.type())) {
                    throw new BackupRefusedException(BackupRefusedException.UNSUPPORTED_FORMAT,
                            "Column " + t.name() + "." + c.name() + " has an unknown portable type " + c.type());
                }
            }
            String sha = digests.get(t.entryName());
            if (sha == null) {
                throw ManifestJson.corrupt("Table " + t.name() + " is missing from the backup");
            }
            if (!sha.equals(t.sha256()) || counted.get(t.entryName())[1] != t.rows()) {
                throw ManifestJson.corrupt("Table " + t.name() + " does not match its checksum or row count");
            }
        }
        for (FileEntry f : m.files()) {
            if (!EntryNames.isFilePath(f.path()) || !expected.add(f.entryName())) {
                throw ManifestJson.corrupt("manifest.json names file " + f.path() + " twice or unsafely");
            }
            String sha = digests.get(f.entryName());
            if (sha == null) {
                throw ManifestJson.corrupt("File " + f.path() + " is missing from the backup");
            }
            if (!sha.equals(f.sha256()) || counted.get(f.entryName())[0] != f.size()) {
                throw ManifestJson.corrupt("File " + f.path() + " does not match its checksum or size");
            }
        }
        for (String name : digests.keySet()) {
            if (!expected.contains(name)) {
                throw ManifestJson.corrupt("Entry " + name + " is not listed in manifest.json");
            }
        }
    }

    /**
     * Second pass after verify: tables then files in file order; the visitor gets each entry's rows/stream.
     * Checksums are checked again as entries are read; a mismatch refuses (the file changed since verify), in
     * which case the visitor has already seen the entry: the caller rolls back.
     */
    public static void read(Path file, char[] passphrase, Manifest manifest, EntryVisitor visitor)
            throws BackupRefusedException, IOException, SQLException {
        Map<String, TableEntry> tables = new LinkedHashMap<>();
        manifest.tables().forEach(t -> tables.put(t.entryName(), t));
        Map<String, FileEntry> files = new LinkedHashMap<>();
        manifest.files().forEach(f -> files.put(f.entryName(), f));
        int seen = 0;
        try (InputStream raw = Files.newInputStream(file)) {
            ZipInputStream zip = new ZipInputStream(open(raw, passphrase));
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.equals(ManifestJson.ENTRY)) {
                    continue;
                }
                TableEntry table = tables.get(name);
                FileEntry f = files.get(name);
                if (table == null && f == null) {
                    throw ManifestJson.corrupt("Entry " + name + " is not listed in the manifest");
                }
                MessageDigest digest = Hex.sha256();
                DigestInputStream content = new DigestInputStream(new KeepOpen(zip), digest);
                if (table != null) {
                    try (JsonParser parser = Json.FACTORY.createParser(content)) {
                        visitor.table(table, new JsonRowReader(parser, table));
                    }
                } else {
                    visitor.file(f, content);
                }
                content.transferTo(java.io.OutputStream.nullOutputStream()); // the rest, for the checksum
                String expected = table != null ? table.sha256() : f.sha256();
                if (!Hex.of(digest).equals(expected)) {
                    throw ManifestJson.corrupt("Entry " + name + " changed since it was verified");
                }
                seen++;
            }
        } catch (RefusedIOException e) {
            throw e.refusal();
        } catch (EOFException e) {
            throw new BackupRefusedException(BackupRefusedException.TRUNCATED, "The backup ends early: " + e.getMessage());
        } catch (ZipException e) {
            throw ManifestJson.corrupt("The backup is damaged: " + e.getMessage());
        }
        if (seen != tables.size() + files.size()) {
            throw ManifestJson.corrupt("The backup lacks entries its manifest lists");
        }
    }

    /** The plain ZIP stream: as is, or decrypted when the file starts with the encryption magic. */
    private static InputStream open(InputStream raw, char[] passphrase) throws IOException, BackupRefusedException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] magic = in.readNBytes(StreamEncryption.MAGIC.length);
        if (java.util.Arrays.equals(magic, StreamEncryption.MAGIC)) {
            return new DecryptingInputStream(in, StreamEncryption.open(in, passphrase));
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            throw ManifestJson.corrupt("Not a Pergola backup (neither a ZIP nor an encrypted backup)");
        }
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(magic), in);
    }

    /** Receives the entries of a backup in file order. */
    public interface EntryVisitor {
        /** One table; {@code rows} is valid only during this call. */
        void table(TableEntry table, RowReader rows) throws IOException, SQLException;

        /** One file; {@code content} is valid only during this call. */
        void file(FileEntry file, InputStream content) throws IOException;
    }

    /** The rows of one table, values as Java objects per {@link Column#type()} (see docs/backup-format.md). */
    public interface RowReader {
        /** The next row's values in the manifest's column order; null at the end. */
        Object[] next() throws IOException;
    }

    private static final class JsonRowReader implements RowReader {
        private final JsonParser parser;
        private final TableEntry table;
        private final String[] types;

        JsonRowReader(JsonParser parser, TableEntry table) {
            this.parser = parser;
            this.table = table;
            this.types = table.columns().stream().map(Column::type).toArray(String[]::new);
        }

        @Override
        public Object[] next() throws IOException {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new RefusedIOException(BackupRefusedException.CORRUPT, "A row of " + table.name() + " is not an array");
            }
            Object[] row = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    throw new RefusedIOException(BackupRefusedException.CORRUPT,
                            "A row of " + table.name() + " has " + i + " values for " + types.length + " columns");
                }
                try {
                    row[i] = JsonValues.read(parser, types[i]);
                } catch (RuntimeException e) {
                    throw new RefusedIOException(BackupRefusedException.CORRUPT, "Value of " + table.name() + "."
                            + table.columns().get(i).name() + " is not a " + types[i] + ": " + e.getMessage());
                }
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new RefusedIOException(BackupRefusedException.CORRUPT,
                        "A row of " + table.name() + " has more values than columns");
            }
            return row;
        }
    }

    /** Keeps a ZIP entry's consumer from closing the whole ZIP stream. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the entry ends where the ZIP says; the ZIP stream stays open for the next one
        }
    }

    /** Reports the bytes read every MiB and at the end. */
    private static final class Progress extends FilterInputStream {
        private final LongConsumer listener;
        private long total;
        private long reported;

        Progress(InputStream in, LongConsumer listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        private void count(int n) {
            if (n < 0) {
                if (reported != total) {
                    reported = total;
                    listener.accept(total);
                }
                return;
            }
            total += n;
            if (total - reported >= 1 << 20) {
                reported = total;
                listener.accept(total);
            }
        }
    }
}
