package dev.pergola.monitoring.internal.system;

import java.time.Instant;

/**
 * {@code GET /api/v1/system/info}. The top-level figures ({@code platform}, {@code active_sessions},
 * {@code memory_usage_mb}, {@code cpu_usage_percent}, {@code uptime_seconds}) are what dashboards show at a glance;
 * the groups below carry the rest. A figure that needs the metrics bundle is null while it is not running.
 *
 * @param platform the operating system's name in lower case ({@code linux})
 * @param memoryUsageMb heap in use now
 * @param cpuUsagePercent this process's share of the machine's CPU, recently
 */
public record SystemInfo(String platform, Versions versions, Instant startedAt, long uptimeSeconds,
        Double cpuUsagePercent, long memoryUsageMb, Integer activeSessions, Cpu cpu, Memory memory, Disk disk,
        Bundles bundles, Plugins plugins, Database database) {

    public record Versions(String pergola, String karaf, String java, String javaVendor, String os, String osVersion,
            String osArch) {
    }

    /** {@code system_usage_percent}: the whole machine; {@code load_average}: the last minute, null where unknown. */
    public record Cpu(int processors, Double processUsagePercent, Double systemUsagePercent, Double loadAverage) {
    }

    public record Memory(long heapUsedMb, long heapCommittedMb, long heapMaxMb, long nonHeapUsedMb) {
    }

    /** The file system of the Karaf data directory. */
    public record Disk(String path, long freeMb, long totalMb) {
    }

    public record Bundles(int total, int active) {
    }

    /** Per plugin (a {@code .kar}'s libraries count with it): active when all its bundles that should run do. */
    public record Plugins(int installed, int active, int inactive) {
    }

    /** {@code pool}: connections in use, idle and the maximum, from the pool's gauges (null without metrics). */
    public record Database(String type, String product, Pool pool) {
    }

    public record Pool(Integer active, Integer idle, Integer max) {
    }
}
