package dev.pergola.identity.internal.token;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.pergola.api.errors.PergolaException;

/** Short-lived signed access tokens (JWT, ES256): subject = user id, {@code sid} = login session. */
@Component(service = AccessTokens.class, configurationPid = AccessTokens.PID)
@Designate(ocd = TokensConfig.class)
public class AccessTokens {
    public static final String PID = "dev.pergola.auth.tokens";
    static final String ISSUER = "pergola";

    private final KeySource keys;
    private volatile int ttlSeconds;
    /**
     * Tokens already verified: the exact same string needs no second ECDSA check (expiry is still checked
     * on every use). Bounded, and a token lives at most its own lifetime here.
     */
    private final Cache<String, Optional<Claims>> verified = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofSeconds(300)).build();

    public record Claims(String userId, String sessionId, Instant expiresAt) {
    }

    @Activate
    public AccessTokens(@Reference SigningKeys keys, TokensConfig config) {
        this((KeySource) keys, config);
    }

    AccessTokens(KeySource keys, TokensConfig config) {
        this.keys = keys;
        configure(config);
    }

    /** A new lifetime applies to tokens issued from now on; tokens already out keep theirs. */
    @Modified
    void configure(TokensConfig config) {
        this.ttlSeconds = config.access_token_ttl_seconds();
        Duration remembered = Duration.ofSeconds(Math.max(1, Math.min(ttlSeconds, 300)));
        verified.policy().expireAfterWrite().ifPresent(e -> e.setExpiresAfter(remembered));
    }

    /** Forgets which tokens were verified (a restore replaced the keys that signed them). */
    public void forgetVerified() {
        verified.invalidateAll();
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    public String issue(String userId, String username, String sessionId) {
        ECKey key = keys.current();
        if (key == null) {
            throw new IllegalStateException("No signing key can be opened on this node; see the log of SigningKeys");
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .claim("preferred_username", username)
                .claim("sid", sessionId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        // the JCA signer emits high-s half of the time: send the low-s twin, the only form verify() accepts
        String serialized = jwt.serialize();
        byte[] low = LowS.normalize(jwt.getSignature().decode());
        return serialized.substring(0, serialized.lastIndexOf('.') + 1) + Base64URL.encode(low);
    }

    /**
     * @throws PergolaException INVALID_TOKEN when the token is not one of ours or was altered,
     *         TOKEN_EXPIRED when it was ours but its time is up
     */
    public Claims verify(String token) {
        Claims claims;
        try {
            claims = verified.get(token, this::checkSignature).orElseThrow(AccessTokens::invalid);
        } catch (UnknownKeyId e) {
            // not remembered as invalid: the key may be one another node just rotated in, seen at the next reload
            throw invalid();
        }
        if (!claims.expiresAt().isAfter(Instant.now())) {
            throw new PergolaException(PergolaException.TOKEN_EXPIRED, "The access token has expired; refresh it.");
        }
        return claims;
    }

    private Optional<Claims> checkSignature(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid();
            }
            if (!LowS.isCanonical(jwt.getSignature().decode())) {
                throw invalid(); // the malleable high-s twin of a valid signature, or not an ES256 signature at all
            }
            ECKey key = keys.verificationKey(jwt.getHeader().getKeyID()).orElseThrow(UnknownKeyId::new);
            if (!jwt.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getExpirationTime() == null) {
                throw invalid();
            }
            return Optional.of(new Claims(claims.getSubject(), claims.getStringClaim("sid"),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalStateException | PergolaException e) {
            return Optional.empty();
        }
    }

    private static PergolaException invalid() {
        return new PergolaException(PergolaException.INVALID_TOKEN, "The access token is not valid.");
    }

    /** A token naming a key this node does not know (yet): refused, but not cached as refused. */
    private static final class UnknownKeyId extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownKeyId() {
            super(null, null, false, false);
        }
    }
}
