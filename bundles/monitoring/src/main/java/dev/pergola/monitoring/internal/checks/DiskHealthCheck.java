package dev.pergola.monitoring.internal.checks;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthCheckService;
import dev.pergola.api.health.HealthResult;

/**
 * {@code disk}: DOWN when the data directory's file system has less usable space than either minimum (a node that
 * cannot write its database or logs should not take traffic), WARN within the warning margin. Part of readiness.
 */
@Component(configurationPid = DiskConfig.PID)
@Designate(ocd = DiskConfig.class)
@HealthCheckService(name = "disk")
public class DiskHealthCheck implements HealthCheck {
    private static final long MB = 1024L * 1024L;

    private final String dataDir;
    private volatile DiskConfig config;

    @Activate
    public DiskHealthCheck(BundleContext context, DiskConfig config) {
        this.dataDir = String.valueOf(context.getProperty("karaf.data"));
        this.config = config;
    }

    @Modified
    void modified(DiskConfig changed) {
        this.config = changed;
    }

    @Override
    public HealthResult check() {
        DiskConfig c = config;
        File dir = new File(c.path().isBlank() ? dataDir : c.path());
        long total = dir.getTotalSpace();
        if (total == 0) {
            return HealthResult.down("cannot read the file system of " + dir.getAbsolutePath()
                    + " (missing directory?)", Map.of("path", dir.getAbsolutePath()));
        }
        return assess(dir.getAbsolutePath(), dir.getUsableSpace(), total, c);
    }

    static HealthResult assess(String path, long usable, long total, DiskConfig c) {
        double percent = 100.0 * usable / total;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", path);
        details.put("free_mb", usable / MB);
        details.put("total_mb", total / MB);
        details.put("free_percent", Math.round(percent * 10) / 10.0);
        details.put("min_free_mb", c.min_free_mb());
        details.put("min_free_percent", c.min_free_percent());
        String free = usable / MB + " MB (" + details.get("free_percent") + " %) free on " + path;
        if (usable < c.min_free_mb() * MB || percent < c.min_free_percent()) {
            return HealthResult.down(free + ": below the minimum of " + c.min_free_mb() + " MB / "
                    + c.min_free_percent() + " %", details);
        }
        if (usable < c.min_free_mb() * MB * c.warn_factor() || percent < c.min_free_percent() * c.warn_factor()) {
            return HealthResult.warn(free + ": close to the minimum of " + c.min_free_mb() + " MB / "
                    + c.min_free_percent() + " %", details);
        }
        return HealthResult.up(free, details);
    }
}
