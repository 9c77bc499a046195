package dev.pergola.backup.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.backup.internal.BackupSchedule;
import dev.pergola.backup.internal.service.Backups;

/** {@code backup:schedule [--cron "15 3 * * *"] [--enable|--disable] [--keep-daily N] [--keep-weekly M]}. */
@Service
@Command(scope = "backup", name = "schedule", description = "Shows or changes the backup schedule and retention")
public class BackupScheduleCommand implements Action {
    @Option(name = "--cron", description = "UNIX cron expression, 5 fields, UTC")
    String cron;

    @Option(name = "--enable", description = "Turn scheduled backups on")
    boolean enable;

    @Option(name = "--disable", description = "Turn scheduled backups off")
    boolean disable;

    @Option(name = "--keep-daily", description = "Keep the newest scheduled backup of each of the last N days")
    Integer keepDaily;

    @Option(name = "--keep-weekly", description = "Keep the newest scheduled backup of each of the last M weeks")
    Integer keepWeekly;

    @Reference
    Backups backups;

    @Override
    public Object execute() {
        if (enable && disable) {
            throw new IllegalArgumentException("--enable and --disable together make no sense");
        }
        BackupSchedule s = backups.schedule();
        if (cron != null || enable || disable || keepDaily != null || keepWeekly != null) {
            s = backups.schedule(new BackupSchedule(enable ? Boolean.TRUE : disable ? Boolean.FALSE : null, cron,
                    keepDaily, keepWeekly, null, null, null));
        }
        System.out.println("enabled:     " + s.enabled());
        System.out.println("cron:        " + s.cron() + " (UTC)");
        System.out.println("keep daily:  " + s.keepDaily());
        System.out.println("keep weekly: " + s.keepWeekly());
        if (s.nextRun() != null) {
            System.out.println("next run:    " + s.nextRun());
        }
        return null;
    }
}
