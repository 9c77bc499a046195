package dev.pergola.backup.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.time.Instant;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.store.BackupFolder;

public class BackupStatusTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aBackupShowsTheOperationRunningOnItThenIsReadyAgain() throws Exception {
        BackupFolder folder = new BackupFolder(tmp.getRoot().toPath());
        String name = "pergola-backup-20261130-031500.zip";
        Files.writeString(folder.resolve(name), "backup bytes");
        BackupStatus status = new BackupStatus();
        Progress restore = status.track(name, "restore", Instant.now(), p -> {
        });
        restore.step("table pergola_users");
        restore.set(40);
        BackupDto busy = status.get(folder, name);
        assertEquals(BackupDto.RUNNING, busy.status());
        assertEquals(40, busy.percent());
        assertEquals("restore: table pergola_users", busy.step());
        assertEquals(Long.valueOf(12), busy.size());
        try {
            status.track(name, "verify", Instant.now(), p -> {
            });
            fail("one operation at a time on a backup");
        } catch (PergolaException e) {
            assertEquals(PergolaException.CONFLICT, e.code());
        }
        status.finished(name);
        BackupDto ready = status.get(folder, name);
        assertEquals(BackupDto.READY, ready.status());
        assertNull(ready.step());
    }

    @Test
    public void aFailedCreateIsListedAsFailedWithItsError() {
        BackupFolder folder = new BackupFolder(tmp.getRoot().toPath());
        BackupStatus status = new BackupStatus();
        String name = "pergola-backup-20261130-031500.zip";
        status.track(name, "create", Instant.now(), p -> {
        }).failed("disk full");
        BackupDto failed = status.get(folder, name);
        assertEquals(BackupDto.FAILED, failed.status());
        assertEquals("disk full", failed.error());
        assertEquals(1, status.list(folder).size());
        try {
            status.get(folder, "pergola-backup-20261130-031501.zip");
            fail();
        } catch (PergolaException e) {
            assertEquals(PergolaException.NOT_FOUND, e.code());
        }
    }
}
