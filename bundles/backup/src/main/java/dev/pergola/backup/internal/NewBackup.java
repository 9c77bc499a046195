package dev.pergola.backup.internal;

/** The body of a create request; absent fields: uploads included, compressed, not encrypted. */
public record NewBackup(Boolean includeUploads, Boolean compression, String passphrase) {
    public boolean uploads() {
        return includeUploads == null || includeUploads;
    }

    public boolean compress() {
        return compression == null || compression;
    }
}
