package dev.pergola.backup.internal;

/** The body of verify and restore: the passphrase of an encrypted backup. */
public record PassphraseBody(String passphrase) {
    public char[] chars() {
        return passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
    }
}
