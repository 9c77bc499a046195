package dev.pergola.backup.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.backup.RestoreCheck;
import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.api.persistence.SchemaMigrations;
import dev.pergola.api.platform.Maintenance;
import dev.pergola.backup.internal.format.BackupReader;
import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.WriteOptions;
import dev.pergola.backup.internal.store.BackupFolder;
import dev.pergola.backup.internal.store.InstallationFiles;

/**
 * The restore orchestration on a real H2 database: a good backup replaces the data and its files, between the
 * participants' calls and inside maintenance; a restore whose checks fail puts the safety backup back.
 */
public class RestoreRunnerTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private DataSource db;
    private BackupFolder folder;
    private InstallationFiles files;
    private final List<String> calls = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:restore" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        db = h2;
        sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL)");
        sql("CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), tag VARCHAR(20) NOT NULL)");
        sql("INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
        sql("INSERT INTO tags VALUES (1, 'a')");
        folder = new BackupFolder(tmp.newFolder("backups").toPath());
        Path etc = tmp.newFolder("etc").toPath();
        files = new InstallationFiles(etc, tmp.newFolder("data").toPath());
        Files.writeString(etc.resolve("dev.pergola.mail.cfg"), "host = backed-up\n");
    }

    @Test
    public void aGoodBackupReplacesTablesAndFilesInMaintenanceBetweenTheParticipants() throws Exception {
        RestoreRunner.Source backup = backup("pergola-backup-20261130-010000.zip");
        sql("INSERT INTO notes VALUES (3, 'after the backup')");
        sql("DELETE FROM tags");
        Files.writeString(tmp.getRoot().toPath().resolve("etc/dev.pergola.mail.cfg"), "host = changed\n");
        RestoreRunner.Source safety = backup("pergola-backup-20261130-010100-safety.zip");

        RestoreRunner.Outcome outcome = runner().run(maintenance(), "test", backup, safety, List.of(participant()),
                List.of(check(true)), progress());

        assertEquals(3, outcome.rows());
        assertEquals("1,2|a", state());
        assertEquals("host = backed-up\n", Files.readString(tmp.getRoot().toPath().resolve("etc/dev.pergola.mail.cfg")));
        assertEquals(List.of("enter test", "before", "check", "after", "leave"), calls);
    }

    @Test
    public void failingChecksPutTheSafetyBackupBack() throws Exception {
        RestoreRunner.Source backup = backup("pergola-backup-20261130-010000.zip");
        sql("INSERT INTO notes VALUES (3, 'after the backup')");
        RestoreRunner.Source safety = backup("pergola-backup-20261130-010100-safety.zip");
        try {
            runner().run(maintenance(), "test", backup, safety, List.of(participant()), List.of(check(false)), progress());
            fail("a failing check fails the restore");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("always-fails"));
        }
        assertEquals("the data before the restore is back", "1,2,3|a", state());
        assertEquals(List.of("enter test", "before", "check", "after", "leave"), calls);
    }

    @Test
    public void aParticipantRefusingBeforeAbortsWithNothingChanged() throws Exception {
        RestoreRunner.Source backup = backup("pergola-backup-20261130-010000.zip");
        sql("INSERT INTO notes VALUES (3, 'after the backup')");
        RestoreParticipant refusing = new RestoreParticipant() {
            @Override
            public void beforeRestore() {
                throw new IllegalStateException("busy");
            }
        };
        try {
            runner().run(maintenance(), "test", backup, backup, List.of(participant(), refusing), List.of(), progress());
            fail();
        } catch (IllegalStateException expected) {
            assertEquals("busy", expected.getMessage());
        }
        assertEquals("1,2,3|a", state());
        assertEquals("the participant already paused is resumed", List.of("enter test", "before", "after", "leave"), calls);
    }

    private RestoreRunner.Source backup(String name) throws Exception {
        Manifest m = new BackupCreator(db, folder, files).create(name, new WriteOptions(true, null), false,
                new BackupCreator.Source("test", "installation", Map.of()), Instant.now(), progress());
        Path file = folder.resolve(name);
        assertEquals(m.tables().size(), BackupReader.verify(file, null, b -> {
        }).tables().size());
        return new RestoreRunner.Source(file, null, m);
    }

    private RestoreRunner runner() {
        return new RestoreRunner(db, new NoMigrations(), files);
    }

    private String state() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = s.executeQuery("SELECT id FROM notes ORDER BY id")) {
                while (rs.next()) {
                    out.append(out.length() == 0 ? "" : ",").append(rs.getInt(1));
                }
            }
            out.append('|');
            try (ResultSet rs = s.executeQuery("SELECT tag FROM tags ORDER BY tag")) {
                while (rs.next()) {
                    out.append(rs.getString(1));
                }
            }
            return out.toString();
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Progress progress() {
        return new Progress("test", "restore", Instant.now(), p -> {
        });
    }

    private Maintenance maintenance() {
        return new Maintenance() {
            @Override
            public Optional<State> state() {
                return Optional.empty();
            }

            @Override
            public Handle enter(String reason) {
                calls.add("enter " + reason);
                return () -> calls.add("leave");
            }
        };
    }

    private RestoreParticipant participant() {
        return new RestoreParticipant() {
            @Override
            public void beforeRestore() {
                calls.add("before");
            }

            @Override
            public void afterRestore() {
                calls.add("after");
            }
        };
    }

    private RestoreCheck check(boolean passes) {
        return new RestoreCheck() {
            @Override
            public String name() {
                return "always-" + (passes ? "passes" : "fails");
            }

            @Override
            public Result check(DataSource restored) {
                calls.add("check");
                return new Result(name(), passes, passes ? "fine" : "broken on purpose");
            }
        };
    }

    /** This test's tables have no migration owner: every table is created from the manifest. */
    private static final class NoMigrations implements SchemaMigrations {
        @Override
        public Map<String, String> available() {
            return Map.of();
        }

        @Override
        public String migrate(DataSource target, String owner, String upToVersion) {
            throw new IllegalArgumentException("unknown owner " + owner);
        }

        @Override
        public String historyTable(String owner) {
            return "schema_history_" + owner;
        }
    }
}
