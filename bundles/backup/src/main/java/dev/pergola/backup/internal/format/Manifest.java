package dev.pergola.backup.internal.format;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last entry of a backup, {@code manifest.json}: what the backup holds and how to check it.
 *
 * @param formatVersion  {@link #FORMAT_VERSION} when written by this code
 * @param pergolaVersion version of the platform that wrote it
 * @param createdAt      when the backup was started
 * @param databaseType   source database: {@code h2} or {@code postgresql}
 * @param installationId the source installation
 * @param schemaVersions schema version per migration owner (bundle symbolic name)
 * @param tables         every table, in FK order (parents first)
 * @param files          every file, in the order written
 * @param sequences      next value per sequence (lower-case name)
 * @param encrypted      whether the ZIP was written encrypted (informational: the ZIP is inside the encryption)
 */
public record Manifest(int formatVersion, String pergolaVersion, Instant createdAt, String databaseType,
        String installationId, Map<String, String> schemaVersions, List<TableEntry> tables, List<FileEntry> files,
        Map<String, Long> sequences, boolean encrypted) {

    /** The format this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** A header for {@link BackupWriter#finish(Manifest)}: tables, files and sequences are filled by the writer. */
    public static Manifest header(String pergolaVersion, Instant createdAt, String databaseType,
            String installationId, Map<String, String> schemaVersions) {
        return new Manifest(FORMAT_VERSION, pergolaVersion, createdAt, databaseType, installationId, schemaVersions,
                List.of(), List.of(), Map.of(), false);
    }
}
