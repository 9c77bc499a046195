package dev.pergola.backup.internal;

import java.time.Instant;
import java.util.Map;

import dev.pergola.backup.internal.format.Manifest;
import dev.pergola.backup.internal.format.TableEntry;

/** The headline of a backup's manifest. */
public record ManifestSummary(int formatVersion, String pergolaVersion, Instant createdAt, String databaseType,
        String installationId, Map<String, String> schemaVersions, int tables, long rows, int files) {
    public static ManifestSummary of(Manifest m) {
        return new ManifestSummary(m.formatVersion(), m.pergolaVersion(), m.createdAt(), m.databaseType(),
                m.installationId(), m.schemaVersions(), m.tables().size(),
                m.tables().stream().mapToLong(TableEntry::rows).sum(), m.files().size());
    }
}
