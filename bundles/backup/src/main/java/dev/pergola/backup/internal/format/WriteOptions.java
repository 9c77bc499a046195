package dev.pergola.backup.internal.format;

/**
 * How a backup is written.
 *
 * @param compress   deflate the ZIP entries; {@code false} stores them (faster, bigger)
 * @param passphrase encrypts the whole ZIP as a stream (AES-256-GCM, Argon2id key); {@code null} = not encrypted
 */
public record WriteOptions(boolean compress, char[] passphrase) {

    public boolean encrypted() {
        return passphrase != null;
    }
}
