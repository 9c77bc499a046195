package dev.pergola.monitoring.internal.system;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import javax.management.ObjectName;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;
import dev.pergola.api.persistence.Database;

/**
 * Gathers {@link SystemInfo} from the JVM, the framework and, when the metrics bundle runs, the platform's gauges
 * (sessions, connection pool). Shared by REST and the shell.
 */
@Component(service = SystemInfoService.class)
public class SystemInfoService {
    private static final long MB = 1024L * 1024L;

    private final BundleContext context;
    private final Database database;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetricValues metrics;

    @Activate
    public SystemInfoService(BundleContext context, @Reference Database database) {
        this.context = context;
        this.database = database;
    }

    public SystemInfo info() {
        MetricValues values = metrics;
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        SystemInfo.Cpu cpu = new SystemInfo.Cpu(os.getAvailableProcessors(), percent(cpuLoad("ProcessCpuLoad")),
                percent(cpuLoad("CpuLoad")), os.getSystemLoadAverage() < 0 ? null : os.getSystemLoadAverage());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        SystemInfo.Memory mem = new SystemInfo.Memory(heap.getUsed() / MB, heap.getCommitted() / MB,
                heap.getMax() < 0 ? -1 : heap.getMax() / MB, memory.getNonHeapMemoryUsage().getUsed() / MB);
        File data = new File(String.valueOf(context.getProperty("karaf.data")));
        Bundle[] bundles = context.getBundles();
        int active = (int) Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count();
        SystemInfo.Pool pool = new SystemInfo.Pool(gauge(values, "pergola.db.pool.active"),
                gauge(values, "pergola.db.pool.idle"), gauge(values, "pergola.db.pool.max"));
        return new SystemInfo(System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT), versions(),
                started, Duration.between(started, Instant.now()).toSeconds(), cpu.processUsagePercent(),
                mem.heapUsedMb(), gauge(values, "pergola.sessions.active"), cpu, mem,
                new SystemInfo.Disk(data.getAbsolutePath(), data.getUsableSpace() / MB, data.getTotalSpace() / MB),
                new SystemInfo.Bundles(bundles.length, active), PluginCounts.of(bundles),
                new SystemInfo.Database(database.type(), database.product(), pool));
    }

    private SystemInfo.Versions versions() {
        return new SystemInfo.Versions(context.getBundle().getHeaders("").get("Pergola-Version"),
                String.valueOf(context.getProperty("karaf.version")), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    /** Read through JMX so the bundle needs no {@code com.sun.management} import; NaN where the JVM has none. */
    private static double cpuLoad(String attribute) {
        try {
            Object v = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME), attribute);
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (Exception | LinkageError e) {
            return Double.NaN;
        }
    }

    static Double percent(double fraction) {
        return Double.isNaN(fraction) || fraction < 0 ? null : Math.round(fraction * 1000) / 10.0;
    }

    static Integer gauge(MetricValues values, String name) {
        if (values == null) {
            return null;
        }
        OptionalDouble v = values.value(name, Statistic.VALUE, Map.of());
        return v.isPresent() && !Double.isNaN(v.getAsDouble()) ? (int) Math.round(v.getAsDouble()) : null;
    }
}
