package dev.pergola.api.security;

/** A sealed value that cannot be opened: altered, bound to other associated data, or sealed with another key. */
public class SecretBoxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretBoxException(String message) {
        super(message);
    }

    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
