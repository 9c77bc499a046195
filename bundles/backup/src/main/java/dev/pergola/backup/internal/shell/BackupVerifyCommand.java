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

import dev.pergola.backup.internal.CheckResult;
import dev.pergola.backup.internal.VerifyReport;
import dev.pergola.backup.internal.service.Backups;

/** {@code backup:verify name [--passphrase p]}: checksums and a trial restore; fails when a check fails. */
@Service
@Command(scope = "backup", name = "verify", description = "Verifies a backup: checksums, then a trial restore into a scratch database")
public class BackupVerifyCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "The backup file name")
    @Completion(BackupNameCompleter.class)
    String name;

    @Option(name = "--passphrase", aliases = "-p", description = "Passphrase of an encrypted backup")
    String passphrase;

    @Reference
    Backups backups;

    @Override
    public Object execute() throws Exception {
        char[] secret = passphrase == null ? null : passphrase.toCharArray();
        var pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<VerifyReport> work = CompletableFuture.supplyAsync(() -> backups.verify(name, secret), pool);
            VerifyReport report = ProgressBar.follow(backups, name, work, System.out);
            for (CheckResult c : report.checks()) {
                System.out.println((c.passed() ? "  ok    " : "  FAIL  ") + c.name() + ": " + c.detail());
            }
            if (!report.valid()) {
                throw new IllegalStateException("The backup " + name + " is NOT valid");
            }
            System.out.println("The backup " + name + " is valid");
            return null;
        } finally {
            pool.shutdown();
        }
    }
}
