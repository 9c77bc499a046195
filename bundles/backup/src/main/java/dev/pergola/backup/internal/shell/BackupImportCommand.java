package dev.pergola.backup.internal.shell;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;

import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.service.Backups;

/** {@code backup:import /path/to/file}: copies a backup file from this machine into the backup folder. */
@Service
@Command(scope = "backup", name = "import", description = "Copies a backup file into the backup folder under a generated name")
public class BackupImportCommand implements Action {
    @Argument(index = 0, name = "file", required = true, description = "The backup file to import")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    Backups backups;

    @Override
    public Object execute() throws Exception {
        Path path = Paths.get(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        try (InputStream in = Files.newInputStream(path)) {
            BackupDto imported = backups.importFrom(in);
            System.out.println("Imported as " + imported.filename() + " (" + imported.size() + " bytes)");
        }
        return null;
    }
}
