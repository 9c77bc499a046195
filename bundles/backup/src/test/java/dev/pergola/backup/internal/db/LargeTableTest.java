package dev.pergola.backup.internal.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.testkit.PostgresServer;

/**
 * A million rows through a backup and back with a 64 MB heap, on H2 and PostgreSQL: memory does not grow with
 * the table (the rows alone are about 200 MB as JSON). Prints the throughput figures.
 */
public class LargeTableTest {
    static final String HEAP = "-Xmx64m";

    @ClassRule
    public static final PostgresServer PG = new PostgresServer();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aMillionRowsGoThroughABackupWithASmallHeap() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), HEAP, "-cp", System.getProperty("java.class.path"),
                LargeTableRun.class.getName(), folder.getRoot().toString(), PG.createDatabase("big_source"),
                PG.createDatabase("big_target"))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue("finished within 15 minutes", p.waitFor(15, TimeUnit.MINUTES));
        System.out.println(out);
        assertEquals(out, 0, p.exitValue());
        Map<String, String> figures = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2) {
                figures.put(kv[0].trim(), kv[1].trim());
            }
        }
        for (String db : List.of("h2", "pg")) {
            assertEquals(out, String.valueOf(LargeTableRun.ROWS), figures.get(db + "_rows_loaded"));
            assertEquals(out, String.valueOf(LargeTableRun.ROWS), figures.get(db + "_rows_counted"));
            assertTrue(out, Long.parseLong(figures.get(db + "_file_mb")) > 150);
        }
        assertTrue(out, Long.parseLong(figures.get("max_heap_mb")) <= 64);
    }
}
