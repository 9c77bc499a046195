package dev.pergola.backup.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Set;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.backup.internal.store.BackupNames.Kind;

public class BackupNamesTest {
    private static final Instant AT = Instant.parse("2026-11-30T03:15:00Z");

    @Test
    public void generatedNamesCarryTheStampKindAndEncryption() {
        assertEquals("pergola-backup-20261130-031500.zip", BackupNames.generate(AT, Kind.MANUAL, false, n -> false));
        assertEquals("pergola-backup-20261130-031500-scheduled.zip.enc",
                BackupNames.generate(AT, Kind.SCHEDULED, true, n -> false));
        String second = BackupNames.generate(AT, Kind.MANUAL, false, Set.of("pergola-backup-20261130-031500.zip")::contains);
        assertEquals("pergola-backup-20261130-031500-2.zip", second);
        assertTrue(BackupNames.valid(second));
        assertEquals(Kind.SCHEDULED, BackupNames.kind("pergola-backup-20261130-031500-scheduled.zip.enc"));
        assertEquals(AT, BackupNames.stamp("pergola-backup-20261130-031500-2-safety.zip").orElseThrow());
        assertTrue(BackupNames.encrypted("pergola-backup-20261130-031500.zip.enc"));
    }

    @Test
    public void anythingElseIsRefusedBeforeAnyFileAccess() {
        for (String bad : new String[] {null, "", "../etc/passwd", "pergola-backup-20261130-031500.zip/../../x",
                "..%2Fpergola-backup-20261130-031500.zip", "pergola-backup-20261130-031500.zip\0",
                "/tmp/pergola-backup-20261130-031500.zip", "pergola-backup-2026113-031500.zip", "notes.txt",
                ".pergola-backup-20261130-031500.zip.part"}) {
            assertFalse(bad, BackupNames.valid(bad));
            try {
                BackupNames.require(bad);
                fail("accepted " + bad);
            } catch (PergolaException e) {
                assertEquals(PergolaException.VALIDATION, e.code());
            }
        }
    }
}
