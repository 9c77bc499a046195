package dev.pergola.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticated encryption (AES-256-GCM) with the installation's data-protection key, which lives outside
 * the database ({@code data/security/} by default, mode 600). Use it for secrets stored in tables that
 * other code can read: signing keys, queued mail bodies, backup credentials.
 * <p>
 * The associated data names what a sealed value is ({@code "pergola.signing-key:" + kid}): a value opens
 * only with the same associated data, so a sealed value copied into another row or column is refused.
 * Sealing the same input twice gives different outputs (random nonce).
 * <p>
 * The text form, for VARCHAR columns, is {@value #TEXT_PREFIX} followed by base64url; {@link #isSealed}
 * tells it from a value stored before encryption was introduced, which lets owners migrate old rows.
 */
@ProviderType
public interface SecretBox {
    /** Prefix of {@link #sealText} output. */
    String TEXT_PREFIX = "sb1:";

    /** Encrypts and authenticates {@code plaintext}, binding it to {@code associatedData}. */
    byte[] seal(byte[] plaintext, byte[] associatedData);

    /**
     * @throws SecretBoxException when the value was altered, sealed with other associated data, or sealed
     *         with another installation's key
     */
    byte[] open(byte[] sealed, byte[] associatedData);

    /** {@link #seal} for text: UTF-8 in, {@value #TEXT_PREFIX}{@code <base64url>} out. */
    default String sealText(String plaintext, String associatedData) {
        byte[] sealed = seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The reverse of {@link #sealText}. @throws SecretBoxException as {@link #open} does, or when not sealed text */
    default String openText(String sealedText, String associatedData) {
        if (!isSealed(sealedText)) {
            throw new SecretBoxException("Not a sealed value (it does not start with " + TEXT_PREFIX + ")");
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedText.substring(TEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("A sealed value is not valid base64url", e);
        }
        return new String(open(sealed, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** Whether a stored text is {@link #sealText} output (rather than a clear value from before). */
    static boolean isSealed(String text) {
        return text != null && text.startsWith(TEXT_PREFIX);
    }
}
