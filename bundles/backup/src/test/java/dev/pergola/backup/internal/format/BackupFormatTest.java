package dev.pergola.backup.internal.format;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Write → verify → read, plain and encrypted, and every refusal the reader makes. */
public class BackupFormatTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Connection db;
    private Path cfg;

    @Before
    public void setUp() throws Exception {
        db = BackupFiles.sampleDatabase(3_000);
        cfg = folder.newFile("mail.cfg").toPath();
        Files.writeString(cfg, "host = smtp.example.org\n");
    }

    @After
    public void tearDown() throws Exception {
        db.createStatement().execute("DROP ALL OBJECTS");
        db.close();
    }

    @Test
    public void aPlainBackupHasItsEntriesInOrderAndTheManifestLast() throws Exception {
        Path backup = folder.getRoot().toPath().resolve("b.zip");
        Manifest written = BackupFiles.write(db, backup, cfg, new WriteOptions(false, null));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("tables/owners.jsonl", "tables/pets.jsonl", "files/etc/dev.pergola.mail.cfg",
                "manifest.json"), names);
        assertEquals(List.of("owners", "pets"), written.tables().stream().map(TableEntry::name).toList());
        assertEquals(3_000, written.tables().get(1).rows());
        assertEquals(List.of("id"), written.tables().get(1).primaryKey());
        assertEquals("timestamp", written.tables().get(1).columns().get(3).type());
        assertEquals(Integer.valueOf(1000), written.tables().get(1).columns().get(2).length());
        assertTrue(!written.encrypted());
    }

    @Test
    public void plainAndCompressedAndEncryptedBackupsReadBackTheSameRowsAndFiles() throws Exception {
        for (WriteOptions options : List.of(new WriteOptions(false, null), new WriteOptions(true, null),
                new WriteOptions(true, PASSPHRASE), new WriteOptions(false, PASSPHRASE))) {
            Path backup = Files.createTempFile(folder.getRoot().toPath(), "b", ".zip");
            Manifest written = BackupFiles.write(db, backup, cfg, options);
            long[] progress = {0};
            Manifest verified = BackupReader.verify(backup, PASSPHRASE, n -> progress[0] = n);
            assertEquals(written, verified);
            assertEquals(Files.size(backup), progress[0]);
            assertEquals(options.encrypted(), verified.encrypted());
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            Map<String, String> files = new LinkedHashMap<>();
            BackupReader.read(backup, PASSPHRASE, verified, new BackupReader.EntryVisitor() {
                @Override
                public void table(TableEntry table, BackupReader.RowReader reader) throws IOException {
                    List<Object[]> list = new ArrayList<>();
                    for (Object[] row; (row = reader.next()) != null; ) {
                        list.add(row);
                    }
                    rows.put(table.name(), list);
                }

                @Override
                public void file(FileEntry file, InputStream content) throws IOException {
                    files.put(file.path(), BackupFiles.read(content));
                }
            });
            assertEquals(List.of("owners", "pets"), List.copyOf(rows.keySet()));
            assertArrayEquals(new Object[] {"o1", "Ana \"quoted\" ñ 😀", true}, rows.get("owners").get(0));
            assertArrayEquals(new Object[] {"o2", null, false}, rows.get("owners").get(1));
            Object[] pet = rows.get("pets").get(41);
            assertEquals(42L, pet[0]);
            assertTrue(((String) pet[2]).startsWith("line one\nline two "));
            assertEquals(LocalDateTime.parse("2026-11-30T03:15:00.123456"), pet[3]);
            assertEquals(3_000, rows.get("pets").size());
            assertEquals(Map.of("etc/dev.pergola.mail.cfg", "host = smtp.example.org\n"), files);
        }
    }

    @Test
    public void compressionMakesTheFileSmaller() throws Exception {
        Path stored = folder.getRoot().toPath().resolve("s.zip");
        Path deflated = folder.getRoot().toPath().resolve("d.zip");
        BackupFiles.write(db, stored, cfg, new WriteOptions(false, null));
        BackupFiles.write(db, deflated, cfg, new WriteOptions(true, null));
        assertTrue(Files.size(deflated) * 2 < Files.size(stored));
    }

    @Test
    public void aFlippedByteAnywhereInAPlainBackupIsRefused() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip");
        BackupFiles.write(db, good, cfg, new WriteOptions(true, null));
        long size = Files.size(good);
        // every 97th byte and the whole end record: local headers, table data, file data, manifest, central
        // directory, end record and its comment (the whole-file SHA-256) — no field is left unchecked
        List<Long> places = new java.util.ArrayList<>();
        for (long at = 0; at < size; at += size / 97 + 1) {
            places.add(at);
        }
        for (long at = size - FileSeal.TAIL; at < size; at++) {
            places.add(at);
        }
        for (long at : places) {
            Path bad = folder.getRoot().toPath().resolve("bad-" + at + ".zip");
            Files.copy(good, bad);
            BackupFiles.flipByte(bad, at);
            try {
                BackupReader.verify(bad, null, n -> { });
                fail("A flipped byte at " + at + " of " + size + " was not detected");
            } catch (BackupRefusedException e) {
                assertTrue(e.code(), List.of("CORRUPT", "TRUNCATED").contains(e.code()));
            }
            Files.delete(bad);
        }
    }

    @Test
    public void aCutPlainBackupIsRefusedAsTruncated() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip");
        BackupFiles.write(db, good, cfg, new WriteOptions(false, null));
        long size = Files.size(good);
        for (long length : new long[] {size - 1, size - 22, size - 100, size / 2, 1000, 10}) {
            Path cut = folder.getRoot().toPath().resolve("cut-" + length + ".zip");
            Files.copy(good, cut);
            BackupFiles.truncate(cut, length);
            assertRefused(cut, null, "TRUNCATED");
        }
    }

    @Test
    public void aCutEncryptedBackupIsRefusedAsTruncatedEvenAtAChunkBoundary() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip.enc");
        BackupFiles.write(db, good, cfg, new WriteOptions(false, PASSPHRASE));
        long size = Files.size(good);
        int sealed = StreamEncryption.CHUNK + StreamEncryption.TAG;
        assertTrue("several chunks", size > 3L * sealed);
        long boundary = StreamEncryption.HEADER_LENGTH + 2L * sealed;
        for (long length : new long[] {size - 1, boundary, boundary + 7, StreamEncryption.HEADER_LENGTH, 20}) {
            Path cut = folder.getRoot().toPath().resolve("cut-" + length + ".zip.enc");
            Files.copy(good, cut);
            BackupFiles.truncate(cut, length);
            assertRefused(cut, PASSPHRASE, "TRUNCATED");
        }
    }

    @Test
    public void aFlippedByteInAnEncryptedBackupIsRefusedAsCorrupt() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip.enc");
        BackupFiles.write(db, good, cfg, new WriteOptions(false, PASSPHRASE));
        for (long at : new long[] {StreamEncryption.HEADER_LENGTH + 5, StreamEncryption.HEADER_LENGTH + 70_000}) {
            Path bad = folder.getRoot().toPath().resolve("bad-" + at + ".zip.enc");
            Files.copy(good, bad);
            BackupFiles.flipByte(bad, at);
            assertRefused(bad, PASSPHRASE, "CORRUPT");
        }
        Path header = folder.getRoot().toPath().resolve("header.zip.enc");
        Files.copy(good, header);
        BackupFiles.flipByte(header, 9 + 4 + 4 + 1 + 3); // the salt: another key, so it reads as a wrong passphrase
        assertRefused(header, PASSPHRASE, "WRONG_PASSPHRASE");
    }

    @Test
    public void aChangeInAZipFieldNoOtherCheckReadsIsRefusedByTheWholeFileSeal() throws Exception {
        Path good = folder.getRoot().toPath().resolve("sealed.zip");
        BackupFiles.write(db, good, cfg, new WriteOptions(false, null));
        BackupReader.verify(good, null, n -> { });
        Path bad = folder.getRoot().toPath().resolve("retimed.zip");
        Files.copy(good, bad);
        BackupFiles.flipByte(bad, 10); // the first entry's DOS modification time: no content depends on it
        assertRefused(bad, null, "CORRUPT");
    }

    @Test
    public void aWrongOrMissingPassphraseIsRefused() throws Exception {
        Path backup = folder.getRoot().toPath().resolve("b.zip.enc");
        BackupFiles.write(db, backup, cfg, new WriteOptions(true, PASSPHRASE));
        assertRefused(backup, "correct horse battery stapl".toCharArray(), "WRONG_PASSPHRASE");
        assertRefused(backup, null, "WRONG_PASSPHRASE");
        assertRefused(backup, new char[0], "WRONG_PASSPHRASE");
    }

    @Test
    public void missingExtraAndMisplacedEntriesAreRefused() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip");
        BackupFiles.write(db, good, cfg, new WriteOptions(true, null));
        Path same = folder.getRoot().toPath().resolve("same.zip");
        BackupFiles.rewrite(good, same, e -> e.getValue(), List.of());
        BackupReader.verify(same, null, n -> { }); // the rewriting itself keeps a valid backup

        Path missing = folder.getRoot().toPath().resolve("missing.zip");
        BackupFiles.rewrite(good, missing, e -> e.getKey().equals("tables/owners.jsonl") ? null : e.getValue(), List.of());
        assertRefused(missing, null, "CORRUPT");

        Path extra = folder.getRoot().toPath().resolve("extra.zip");
        BackupFiles.rewrite(good, extra, e -> e.getValue(), List.of("files/etc/sneaky.cfg"));
        assertRefused(extra, null, "CORRUPT");

        Path traversal = folder.getRoot().toPath().resolve("traversal.zip");
        BackupFiles.rewrite(good, traversal, e -> e.getValue(), List.of("files/../../etc/passwd"));
        assertRefused(traversal, null, "CORRUPT");

        Path noManifest = folder.getRoot().toPath().resolve("nomanifest.zip");
        BackupFiles.rewrite(good, noManifest, e -> e.getKey().equals("manifest.json") ? null : e.getValue(), List.of());
        assertRefused(noManifest, null, "CORRUPT");

        Path changedRows = folder.getRoot().toPath().resolve("rows.zip");
        BackupFiles.rewrite(good, changedRows, e -> e.getKey().equals("tables/owners.jsonl")
                ? "[\"o9\",\"Mallory\",true]\n".getBytes(StandardCharsets.UTF_8) : e.getValue(), List.of());
        assertRefused(changedRows, null, "CORRUPT");
    }

    @Test
    public void aNewerFormatVersionAndNonBackupsAreRefused() throws Exception {
        Path good = folder.getRoot().toPath().resolve("good.zip");
        BackupFiles.write(db, good, cfg, new WriteOptions(false, null));
        Path newer = folder.getRoot().toPath().resolve("newer.zip");
        BackupFiles.rewrite(good, newer, e -> e.getKey().equals("manifest.json")
                ? new String(e.getValue(), StandardCharsets.UTF_8).replace("\"format_version\" : 1", "\"format_version\" : 2")
                        .getBytes(StandardCharsets.UTF_8) : e.getValue(), List.of());
        assertRefused(newer, null, "UNSUPPORTED_FORMAT");

        Path text = folder.getRoot().toPath().resolve("text.zip");
        Files.writeString(text, "hello, not a backup");
        assertRefused(text, null, "CORRUPT");
        Path empty = folder.getRoot().toPath().resolve("empty.zip");
        Files.write(empty, new byte[0]);
        assertRefused(empty, null, "CORRUPT");
    }

    @Test
    public void aWriterClosedWithoutFinishLeavesAFileThatIsRefused() throws Exception {
        Path backup = folder.getRoot().toPath().resolve("unfinished.zip");
        try (var out = Files.newOutputStream(backup); BackupWriter writer = new BackupWriter(out, new WriteOptions(false, null))) {
            writer.writeTable(db, "owners", n -> { });
        }
        assertRefused(backup, null, "CORRUPT");
    }

    @Test
    public void readRefusesAFileChangedSinceVerify() throws Exception {
        Path backup = folder.getRoot().toPath().resolve("b.zip");
        BackupFiles.write(db, backup, cfg, new WriteOptions(false, null));
        Manifest manifest = BackupReader.verify(backup, null, n -> { });
        Path other = folder.getRoot().toPath().resolve("other.zip");
        BackupFiles.rewrite(backup, other, e -> e.getKey().equals("tables/owners.jsonl")
                ? "[\"o9\",\"Mallory\",true]\n[\"o2\",null,false]\n".getBytes(StandardCharsets.UTF_8) : e.getValue(), List.of());
        try {
            BackupReader.read(other, null, manifest, new BackupReader.EntryVisitor() {
                @Override
                public void table(TableEntry table, BackupReader.RowReader rows) throws IOException {
                    while (rows.next() != null) {
                        // consume
                    }
                }

                @Override
                public void file(FileEntry file, InputStream content) {
                }
            });
            fail("read a changed file");
        } catch (BackupRefusedException e) {
            assertEquals("CORRUPT", e.code());
        }
    }

    @Test
    public void unsafeFilePathsAreNotWritten() throws Exception {
        Path backup = folder.getRoot().toPath().resolve("b.zip");
        try (var out = Files.newOutputStream(backup); BackupWriter writer = new BackupWriter(out, new WriteOptions(false, null))) {
            for (String path : List.of("../x", "/etc/passwd", "a//b", "a\\b", "", "a/./b", "C:/x")) {
                try {
                    writer.writeFile(path, cfg);
                    fail("wrote " + path);
                } catch (IOException expected) {
                    assertTrue(expected.getMessage().contains("Not a safe"));
                }
            }
        }
    }

    private static void assertRefused(Path file, char[] passphrase, String code) throws IOException {
        try {
            BackupReader.verify(file, passphrase, n -> { });
            fail(file.getFileName() + " was accepted");
        } catch (BackupRefusedException e) {
            assertEquals(file.getFileName() + ": " + e.getMessage(), code, e.code());
        }
    }
}
