package dev.pergola.backup.internal.format;

import java.io.IOException;

/** Carries a refusal through stream APIs that only throw IOException; unwrapped by {@link BackupReader}. */
final class RefusedIOException extends IOException {
    private static final long serialVersionUID = 1L;
    final String code;

    RefusedIOException(String code, String message) {
        super(message);
        this.code = code;
    }

    BackupRefusedException refusal() {
        return new BackupRefusedException(code, getMessage());
    }
}
