package dev.pergola.backup.internal.shell;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.backup.internal.RestoreReport;
import dev.pergola.backup.internal.service.Backups;

/** {@code backup:restore name --yes [--passphrase p]}: replaces every table and the backed-up files. */
@Service
@Command(scope = "backup", name = "restore", description = "Restores a backup over this installation's data (a safety backup is taken first)")
public class BackupRestoreCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "The backup file name")
    @Completion(BackupNameCompleter.class)
    String name;

    @Option(name = "--passphrase", aliases = "-p", description = "Passphrase of an encrypted backup")
    String passphrase;

    @Option(name = "--yes", aliases = "-y", description = "Confirm: the current data is replaced")
    boolean yes;

    @Reference
    Backups backups;

    @Override
    public Object execute() throws Exception {
        if (!yes) {
            throw new IllegalArgumentException("Restoring replaces all current data: add --yes to confirm");
        }
        char[] secret = passphrase == null ? null : passphrase.toCharArray();
        var pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<RestoreReport> work = CompletableFuture.supplyAsync(() -> backups.restore(name, secret), pool);
            RestoreReport report = ProgressBar.follow(backups, name, work, System.out);
            System.out.println("Restored " + report.filename() + ": " + report.rows() + " rows; safety backup "
                    + report.safetyBackup());
            return null;
        } finally {
            pool.shutdown();
        }
    }
}
