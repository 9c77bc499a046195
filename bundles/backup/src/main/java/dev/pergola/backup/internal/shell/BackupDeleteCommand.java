package dev.pergola.backup.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.MultiException;

import dev.pergola.backup.internal.service.Backups;

/** {@code backup:delete name…}: each failure is reported, and the command fails if any did. */
@Service
@Command(scope = "backup", name = "delete", description = "Deletes backups")
public class BackupDeleteCommand implements Action {
    @Argument(index = 0, name = "names", required = true, multiValued = true, description = "Backup file names")
    @Completion(BackupNameCompleter.class)
    List<String> names;

    @Reference
    Backups backups;

    @Override
    public Object execute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (String name : names) {
            try {
                backups.delete(name);
                System.out.println("Deleted " + name);
            } catch (RuntimeException e) {
                failures.add(new Exception(name + ": " + e.getMessage(), e));
            }
        }
        MultiException.throwIf("Some backups could not be deleted", failures);
        return null;
    }
}
