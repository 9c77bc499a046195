package dev.pergola.backup.internal.db;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.pergola.testkit.PostgresServer;
import dev.pergola.backup.internal.format.WriteOptions;

/**
 * Run in its own JVM with a small heap by {@link LargeTableTest}: a table of {@value #ROWS} rows is written to a
 * backup, verified and loaded, on H2 (files) and PostgreSQL, printing figures as {@code key=value} lines.
 * Arguments: work folder, PostgreSQL source URL, PostgreSQL target URL.
 */
public final class LargeTableRun {
    static final int ROWS = 1_000_000;

    private LargeTableRun() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]);
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("h2src"));
             Connection h2Target = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("h2dst"));
             Connection pg = DriverManager.getConnection(args[1], PostgresServer.USER, PostgresServer.PASSWORD);
             Connection pgTarget = DriverManager.getConnection(args[2], PostgresServer.USER, PostgresServer.PASSWORD)) {
            fill(h2, "SYSTEM_RANGE(1, " + ROWS + ")", "X");
            fill(pg, "generate_series(1, " + ROWS + ") AS g(x)", "x");
            run("h2", h2, h2Target, work.resolve("h2.zip"));
            run("pg", pg, pgTarget, work.resolve("pg.zip"));
        }
        System.out.println("max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1 << 20));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                // the old generation's peak is the most the run ever kept alive (young pools fill and empty)
                System.out.println("peak_mb " + pool.getName().replace(' ', '_') + "=" + pool.getPeakUsage().getUsed() / (1 << 20));
            }
        }
    }

    private static void fill(Connection c, String range, String x) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big_audit (id VARCHAR(40) NOT NULL PRIMARY KEY, seq BIGINT NOT NULL, "
                    + "occurred_at TIMESTAMP NOT NULL, action VARCHAR(100) NOT NULL, ok BOOLEAN NOT NULL, "
                    + "details VARCHAR(1000000))");
            s.execute("INSERT INTO big_audit SELECT CONCAT('evt-', " + x + "), " + x + ", "
                    + "TIMESTAMP '2026-11-30 03:15:00' + " + x + " * INTERVAL '1' SECOND, 'user.login', "
                    + x + " % 2 = 0, CONCAT('{\"client\":\"10.0.0.', " + x + " % 255, '\",\"agent\":\"Mozilla/5.0 "
                    + "(X11; Linux x86_64) Gecko/20100101 Firefox/133.0\",\"n\":', " + x + ", '}') FROM " + range);
        }
        c.setAutoCommit(false);
    }

    private static void run(String name, Connection source, Connection target, Path file) throws Exception {
        target.setAutoCommit(false);
        long t0 = System.nanoTime();
        Copier.backup(source, file, new WriteOptions(false, null));
        source.commit();
        long t1 = System.nanoTime();
        long size = Files.size(file);
        Map<String, Long> loaded = Copier.restore(file, null, target);
        target.commit();
        long t2 = System.nanoTime();
        long verifyStart = System.nanoTime();
        dev.pergola.backup.internal.format.BackupReader.verify(file, null, n -> { });
        long verify = System.nanoTime() - verifyStart;
        long count;
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big_audit")) {
            rs.next();
            count = rs.getLong(1);
        }
        System.out.println(name + "_rows_loaded=" + loaded.get("big_audit"));
        System.out.println(name + "_rows_counted=" + count);
        System.out.println(name + "_file_mb=" + size / (1 << 20));
        System.out.println(name + "_write_mb_s=" + mbPerSecond(size, t1 - t0));
        System.out.println(name + "_verify_mb_s=" + mbPerSecond(size, verify));
        System.out.println(name + "_restore_mb_s=" + mbPerSecond(size, t2 - t1) + " (verify + read + load)");
        System.out.println(name + "_write_rows_s=" + (long) (ROWS / ((t1 - t0) / 1e9)));
        Path sealed = file.resolveSibling(name + ".zip.enc");
        char[] passphrase = "large table".toCharArray();
        long t3 = System.nanoTime();
        Copier.backup(source, sealed, new WriteOptions(true, passphrase));
        source.commit();
        long t4 = System.nanoTime();
        dev.pergola.backup.internal.format.BackupReader.verify(sealed, passphrase, n -> { });
        long t5 = System.nanoTime();
        System.out.println(name + "_compressed_encrypted_file_mb=" + Files.size(sealed) / (1 << 20));
        System.out.println(name + "_compressed_encrypted_write_mb_s=" + mbPerSecond(size, t4 - t3) + " (of JSON)");
        System.out.println(name + "_compressed_encrypted_verify_mb_s=" + mbPerSecond(size, t5 - t4) + " (of JSON)");
        System.out.println(name + "_restore_rows_s=" + (long) (ROWS / ((t2 - t1) / 1e9)));
    }

    private static String mbPerSecond(long bytes, long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1 << 20) / (nanos / 1e9));
    }
}
