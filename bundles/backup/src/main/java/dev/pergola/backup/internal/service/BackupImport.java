package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.backup.internal.store.BackupFolder;

/**
 * Streams an uploaded backup into the folder under a generated name (how a backup moves to another node), refusing
 * more than the configured size; the file appears only when complete.
 */
final class BackupImport {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final BackupFolder folder;
    private final long maxMb;

    BackupImport(BackupFolder folder, long maxMb) {
        this.folder = folder;
        this.maxMb = maxMb;
    }

    /** @param namer encrypted? → the new name; @return the name stored */
    String store(InputStream body, Function<Boolean, String> namer) {
        folder.ensure();
        byte[] buffer = new byte[1 << 16];
        try {
            int first = body.readNBytes(buffer, 0, ZIP_MAGIC.length);
            if (first == 0) {
                throw PergolaException.invalid("body", "is empty: send the backup file as application/octet-stream");
            }
            boolean zip = first == ZIP_MAGIC.length && java.util.Arrays.equals(buffer, 0, first, ZIP_MAGIC, 0, first);
            String name = namer.apply(!zip);
            Path partial = folder.partial(name);
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    out.write(buffer, 0, first);
                    long total = first;
                    for (int n; (n = body.read(buffer)) >= 0;) {
                        total += n;
                        if (total > maxMb * 1024 * 1024) {
                            throw new PergolaException(PergolaException.PAYLOAD_TOO_LARGE,
                                    "A backup to import may have at most " + maxMb + " MB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                folder.publish(name);
            } finally {
                Files.deleteIfExists(partial);
            }
            return name;
        } catch (IOException e) {
            throw PergolaException.unavailable("Cannot store the imported backup: " + e.getMessage(), null);
        }
    }
}
