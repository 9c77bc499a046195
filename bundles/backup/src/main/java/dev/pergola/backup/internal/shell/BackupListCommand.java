package dev.pergola.backup.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.service.Backups;

/** {@code backup:list}: the backups in the backup folder, newest first, and the ones running. */
@Service
@Command(scope = "backup", name = "list", description = "Lists the backups, newest first")
public class BackupListCommand implements Action {
    @Reference
    Backups backups;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Status");
        table.column("Kind");
        table.column("Size").alignRight();
        table.column("Created");
        for (BackupDto b : backups.list()) {
            table.addRow().addContent(b.filename(), b.status().equals(BackupDto.RUNNING) ? "running " + b.percent() + "%"
                    : b.status(), b.kind(), b.size() == null ? "" : b.size(),
                    b.createdAt() == null ? "" : b.createdAt().toString());
        }
        table.print(System.out);
        return null;
    }
}
