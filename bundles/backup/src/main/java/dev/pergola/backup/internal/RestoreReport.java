package dev.pergola.backup.internal;

import java.util.List;
import java.util.Map;

/**
 * The answer of a restore that succeeded.
 *
 * @param safetyBackup the backup of what was there before, taken first
 * @param schemaVersions each owner's schema version now (after migrating forward)
 */
public record RestoreReport(String filename, String status, String safetyBackup, long rows,
        Map<String, String> schemaVersions, List<CheckResult> checks) {
}
