package dev.pergola.backup.internal.format;

/**
 * A file in a backup: entry {@code files/<path>}.
 *
 * @param path   relative path with forward slashes, e.g. {@code etc/dev.pergola.mail.cfg}
 * @param size   bytes
 * @param sha256 hex SHA-256 of the content
 */
public record FileEntry(String path, long size, String sha256) {

    /** The ZIP entry name of this file. */
    public String entryName() {
        return "files/" + path;
    }
}
