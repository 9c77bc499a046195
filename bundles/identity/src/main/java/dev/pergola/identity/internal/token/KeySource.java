package dev.pergola.identity.internal.token;

import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;

/** Where {@link AccessTokens} finds its keys: {@link SigningKeys} in the platform, a fixed set in tests. */
interface KeySource {
    /** The private key new tokens are signed with, or null when there is none. */
    ECKey current();

    /** The public key a token's {@code kid} names, if it may verify a live token. */
    Optional<ECKey> verificationKey(String kid);
}
