package dev.pergola.monitoring.internal.shell;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.Test;

import dev.pergola.monitoring.internal.system.SystemInfo;

public class SystemInfoCommandTest {
    private static String printed(SystemInfo info) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SystemInfoCommand.print(info, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static SystemInfo info(Integer sessions, SystemInfo.Pool pool) {
        return new SystemInfo("linux", new SystemInfo.Versions("0.1.0", "4.4.10", "17.0.15", "Debian", "Linux", "6.1",
                "amd64"), Instant.EPOCH, 3720, 3.5, 200, sessions, new SystemInfo.Cpu(2, 3.5, 12.0, 0.4),
                new SystemInfo.Memory(200, 300, 1024, 90), new SystemInfo.Disk("/data", 5000, 10000),
                new SystemInfo.Bundles(210, 205), new SystemInfo.Plugins(3, 2, 1),
                new SystemInfo.Database("postgresql", "PostgreSQL 16.4", pool));
    }

    @Test
    public void printsEachFigure() {
        String out = printed(info(4, new SystemInfo.Pool(1, 7, 8)));
        assertTrue(out, out.contains("1 h 2 min"));
        assertTrue(out, out.contains("205 active of 210"));
        assertTrue(out, out.contains("PostgreSQL 16.4 (postgresql), pool 1 active / 7 idle / 8 max"));
        assertTrue(out, out.lines().anyMatch(l -> l.contains("Sessions") && l.contains("4")));
    }

    @Test
    public void figuresWithoutTheMetricsBundleShowAsDashes() {
        String out = printed(info(null, new SystemInfo.Pool(null, null, null)));
        assertTrue(out, out.lines().anyMatch(l -> l.contains("Sessions") && l.contains("-")));
        assertTrue(out, out.contains("pool - active / - idle / - max"));
    }
}
