package dev.pergola.backup.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.backup.internal.service.Backups;

/** Completes the names of the backups in the backup folder. */
@Service
public class BackupNameCompleter implements Completer {
    @Reference
    Backups backups;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(backups.names()).complete(session, commandLine, candidates);
    }
}
