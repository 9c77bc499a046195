package dev.pergola.backup.internal.format;

/**
 * A backup file that cannot be trusted or read. {@link #code()} says why: {@link #CORRUPT}, {@link #TRUNCATED},
 * {@link #WRONG_PASSPHRASE} or {@link #UNSUPPORTED_FORMAT}.
 */
public final class BackupRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A checksum, count or entry list does not match the manifest, or the bytes are not a backup. */
    public static final String CORRUPT = "CORRUPT";
    /** The file ends early. */
    public static final String TRUNCATED = "TRUNCATED";
    /** Encrypted, and the passphrase is missing or wrong. */
    public static final String WRONG_PASSPHRASE = "WRONG_PASSPHRASE";
    /** A newer format version, or an encryption version this code does not know. */
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";

    private final String code;

    public BackupRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
