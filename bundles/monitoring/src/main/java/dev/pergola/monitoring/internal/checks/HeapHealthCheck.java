package dev.pergola.monitoring.internal.checks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * {@code heap}: how full the heap is after the last garbage collection (the live set), not the instantaneous use,
 * which is high between collections on a healthy JVM. WARN and DOWN above configurable shares of the maximum.
 */
@Component(configurationPid = HeapConfig.PID)
@Designate(ocd = HeapConfig.class)
@HealthCheckService(name = "heap")
public class HeapHealthCheck implements HealthCheck {
    private static final long MB = 1024L * 1024L;

    private volatile HeapConfig config;

    @Activate
    public HeapHealthCheck(HeapConfig config) {
        this.config = config;
    }

    @Modified
    void modified(HeapConfig changed) {
        this.config = changed;
    }

    @Override
    public HealthResult check() {
        long used = 0;
        long max = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            // null for pools the collector does not report on; before the first GC, zero (the heap is young)
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
                max += afterGc.getMax() > 0 ? afterGc.getMax() : afterGc.getCommitted();
            }
        }
        long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return assess(used, heapMax > 0 ? heapMax : max, config);
    }

    static HealthResult assess(long usedAfterGc, long max, HeapConfig c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("used_after_gc_mb", usedAfterGc / MB);
        details.put("max_mb", max / MB);
        if (max <= 0) {
            return HealthResult.up("the heap has no known maximum", details);
        }
        double percent = Math.round(1000.0 * usedAfterGc / max) / 10.0;
        details.put("used_percent", percent);
        String text = usedAfterGc / MB + " of " + max / MB + " MB heap (" + percent + " %) used after GC";
        if (percent > c.down_percent()) {
            return HealthResult.down(text + ": above " + c.down_percent() + " %", details);
        }
        if (percent > c.warn_percent()) {
            return HealthResult.warn(text + ": above " + c.warn_percent() + " %", details);
        }
        return HealthResult.up(text, details);
    }
}
