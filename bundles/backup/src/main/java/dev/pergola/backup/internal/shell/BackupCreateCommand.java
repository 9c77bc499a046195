package dev.pergola.backup.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.NewBackup;
import dev.pergola.backup.internal.service.Backups;
import dev.pergola.backup.internal.store.BackupNames.Kind;

/** {@code backup:create [--no-uploads] [--no-compression] [--passphrase p]} with a progress bar. */
@Service
@Command(scope = "backup", name = "create", description = "Makes a backup and shows its progress")
public class BackupCreateCommand implements Action {
    @Option(name = "--no-uploads", description = "Leave data/uploads out")
    boolean noUploads;

    @Option(name = "--no-compression", description = "Store the entries uncompressed (faster, bigger)")
    boolean noCompression;

    @Option(name = "--passphrase", aliases = "-p", description = "Encrypt with this passphrase (at least 8 characters)")
    String passphrase;

    @Option(name = "--quiet", aliases = "-q", description = "No progress bar")
    boolean quiet;

    @Reference
    Backups backups;

    @Override
    public Object execute() throws Exception {
        Backups.Started started = backups.create(new NewBackup(!noUploads, !noCompression, passphrase), Kind.MANUAL);
        BackupDto done = quiet ? started.done().get()
                : ProgressBar.follow(backups, started.filename(), started.done(), System.out);
        System.out.println("Backup " + done.filename() + " (" + done.size() + " bytes)");
        return null;
    }
}
