package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small backups to read, and ways to damage them, for the format tests. */
final class BackupFiles {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private BackupFiles() {
    }

    /** An H2 database with two tables (parent, child) and a few rows; {@code rows} rows in the child. */
    static Connection sampleDatabase(int rows) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:fmt" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE owners (id VARCHAR(36) NOT NULL PRIMARY KEY, name VARCHAR(100), active BOOLEAN)");
            s.execute("CREATE TABLE pets (id BIGINT NOT NULL PRIMARY KEY, owner_id VARCHAR(36) REFERENCES owners (id), "
                    + "note VARCHAR(1000), born TIMESTAMP)");
            s.execute("INSERT INTO owners VALUES ('o1', 'Ana \"quoted\" ñ 😀', TRUE), ('o2', NULL, FALSE)");
            s.execute("INSERT INTO pets SELECT X, CASE WHEN MOD(X, 2) = 0 THEN 'o1' ELSE 'o2' END, "
                    + "CONCAT('line one\nline two ', RAND()), TIMESTAMP '2026-11-30 03:15:00.123456' "
                    + "FROM SYSTEM_RANGE(1, " + rows + ")");
        }
        return c;
    }

    /** Writes a backup of the sample database (both tables and one file). */
    static Manifest write(Connection c, Path backup, Path someFile, WriteOptions options) throws Exception {
        try (OutputStream out = Files.newOutputStream(backup);
             BackupWriter writer = new BackupWriter(out, options)) {
            writer.writeTable(c, "owners", n -> { });
            writer.writeTable(c, "PETS", n -> { });
            writer.writeFile("etc/dev.pergola.mail.cfg", someFile);
            return writer.finish(Manifest.header("0.1.0", Instant.parse("2026-11-30T03:15:00Z"), "h2",
                    "inst-1", Map.of("dev.pergola.identity", "3")));
        }
    }

    /** Copies a plain backup entry by entry, letting {@code change} drop (null) or replace each entry's bytes. */
    static void rewrite(Path from, Path to, Function<Map.Entry<String, byte[]>, byte[]> change, List<String> extraBeforeManifest)
            throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(new FileSeal.Sealing(Files.newOutputStream(to)))) {
            // sealed like the writer does, so only the change under test makes it invalid
            out.setComment(FileSeal.PLACEHOLDER);
            List<ZipEntry> seen = new ArrayList<>();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                seen.add(e);
                if (e.getName().equals("manifest.json")) {
                    for (String extra : extraBeforeManifest) {
                        out.putNextEntry(new ZipEntry(extra));
                        out.write("extra\n".getBytes());
                        out.closeEntry();
                    }
                }
                byte[] bytes = in.readAllBytes();
                byte[] changed = change.apply(Map.entry(e.getName(), bytes));
                if (changed != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(changed);
                    out.closeEntry();
                }
            }
        }
    }

    static void flipByte(Path file, long at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) at] ^= 0x5a;
        Files.write(file, bytes);
    }

    static void truncate(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) length));
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
