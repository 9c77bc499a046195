package dev.pergola.backup.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InstallationFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void collectsPlatformConfigArtifactsAndUploadsButNotTheNodesOwnConfig() throws Exception {
        Path etc = tmp.newFolder("etc").toPath();
        Path data = tmp.newFolder("data").toPath();
        for (String f : List.of("dev.pergola.mail.cfg", "dev.pergola.db.cfg", "dev.pergola.secrets.cfg",
                "org.apache.karaf.shell.cfg")) {
            Files.writeString(etc.resolve(f), f);
        }
        Files.createDirectories(data.resolve("plugins/artifacts"));
        Files.writeString(data.resolve("plugins/artifacts/notes-1.0.jar"), "jar");
        Files.createDirectories(data.resolve("uploads/a/b"));
        Files.writeString(data.resolve("uploads/a/b/c.png"), "png");
        InstallationFiles files = new InstallationFiles(etc, data);
        assertEquals(List.of("etc/dev.pergola.mail.cfg", "data/plugins/artifacts/notes-1.0.jar",
                "data/uploads/a/b/c.png"), files.collect(true).stream().map(InstallationFiles.Item::path).toList());
        assertEquals(2, files.collect(false).size());
    }

    @Test
    public void aRestoreWritesOnlyWhereABackupCanComeFrom() throws Exception {
        Path etc = tmp.newFolder("etc").toPath();
        Path data = tmp.newFolder("data").toPath();
        InstallationFiles files = new InstallationFiles(etc, data);
        assertEquals(etc.resolve("dev.pergola.mail.cfg"), files.target("etc/dev.pergola.mail.cfg").orElseThrow());
        assertEquals(data.resolve("uploads/x/y.png"), files.target("data/uploads/x/y.png").orElseThrow());
        for (String bad : List.of("etc/dev.pergola.db.cfg", "etc/dev.pergola.secrets.cfg", "etc/users.properties",
                "etc/../bin/karaf", "data/uploads/../../etc/x", "data/plugins/artifacts/../../../x.jar",
                "data/plugins/artifacts/sub/x.jar", "data/db/pergola.mv.db", "/etc/passwd", "data/uploads/")) {
            assertTrue(bad, files.target(bad).isEmpty());
        }
    }
}
