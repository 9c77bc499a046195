package dev.pergola.backup.internal;

import java.time.Instant;

/**
 * A backup as shown by REST and the shell: a complete file ({@code status} {@code ready}) or one being made
 * ({@code running}, with {@code percent} and {@code step}) or one that failed ({@code failed}, with {@code error}).
 *
 * @param kind manual, scheduled, safety (taken before a restore) or imported
 * @param manifest what the backup holds, when known without its passphrase; else null
 */
public record BackupDto(String filename, String status, int percent, String step, Long size, Instant createdAt,
        boolean encrypted, String kind, ManifestSummary manifest, String error) {
    public static final String READY = "ready";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";
}
