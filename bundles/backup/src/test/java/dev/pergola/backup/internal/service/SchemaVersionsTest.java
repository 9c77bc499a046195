package dev.pergola.backup.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class SchemaVersionsTest {
    @Test
    public void versionsCompareNumerically() {
        assertTrue(SchemaVersions.compare("1.10", "1.9") > 0);
        assertTrue(SchemaVersions.compare("2", "10") < 0);
        assertEquals(0, SchemaVersions.compare("3", "3.0"));
    }

    @Test
    public void aBackupFromANewerSchemaIsNamedOwnerByOwner() {
        List<String> problems = SchemaVersions.newerThanHere(
                Map.of("dev.pergola.identity", "4", "dev.pergola.audit", "2", "acme.notes", "9"),
                Map.of("dev.pergola.identity", "3", "dev.pergola.audit", "2"));
        assertEquals(List.of("dev.pergola.identity is at schema 4 in the backup but only 3 here"), problems);
    }
}
