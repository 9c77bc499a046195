package dev.pergola.monitoring.internal.shell;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.monitoring.internal.system.SystemInfo;
import dev.pergola.monitoring.internal.system.SystemInfoService;

/** {@code system:info}: what {@code GET /api/v1/system/info} answers, as a table. */
@Service
@Command(scope = "system", name = "info", description = "Pergola's versions, uptime, CPU, memory, disk, sessions, "
        + "bundles, plugins and database")
public class SystemInfoCommand implements Action {
    @Reference
    SystemInfoService system;

    @Override
    public Object execute() {
        print(system.info(), System.out);
        return null;
    }

    static void print(SystemInfo i, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Figure");
        table.column("Value");
        table.addRow().addContent("Pergola", i.versions().pergola());
        table.addRow().addContent("Karaf", i.versions().karaf());
        table.addRow().addContent("Java", i.versions().java() + " (" + i.versions().javaVendor() + ")");
        table.addRow().addContent("OS", i.versions().os() + " " + i.versions().osVersion() + " " + i.versions().osArch());
        table.addRow().addContent("Uptime", i.uptimeSeconds() / 3600 + " h " + i.uptimeSeconds() % 3600 / 60 + " min");
        table.addRow().addContent("CPU", orDash(i.cpuUsagePercent(), " %") + " of " + i.cpu().processors()
                + " processors (machine " + orDash(i.cpu().systemUsagePercent(), " %") + ")");
        table.addRow().addContent("Heap", i.memory().heapUsedMb() + " MB used of " + i.memory().heapMaxMb() + " MB");
        table.addRow().addContent("Disk", i.disk().freeMb() + " MB free of " + i.disk().totalMb() + " MB ("
                + i.disk().path() + ")");
        table.addRow().addContent("Sessions", orDash(i.activeSessions(), ""));
        table.addRow().addContent("Bundles", i.bundles().active() + " active of " + i.bundles().total());
        table.addRow().addContent("Plugins", i.plugins().active() + " active of " + i.plugins().installed());
        SystemInfo.Pool pool = i.database().pool();
        table.addRow().addContent("Database", i.database().product() + " (" + i.database().type() + "), pool "
                + orDash(pool.active(), "") + " active / " + orDash(pool.idle(), "") + " idle / "
                + orDash(pool.max(), "") + " max");
        table.print(out);
    }

    private static String orDash(Object value, String unit) {
        return value == null ? "-" : value + unit;
    }
}
