package dev.pergola.identity.internal.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.Configs;

public class AccessTokensTest {
    private final Map<String, ECKey> published = new HashMap<>();
    private ECKey signing = key("k1");
    private final AccessTokens tokens = new AccessTokens(new KeySource() {
        @Override
        public ECKey current() {
            return signing;
        }

        @Override
        public Optional<ECKey> verificationKey(String kid) {
            return Optional.ofNullable(published.get(kid));
        }
    }, Configs.of(TokensConfig.class, Map.of()));

    {
        published.put("k1", signing.toPublicJWK());
    }

    @Test
    public void issuedTokensAreLowSAndTheirHighSTwinsAreRefused() throws Exception {
        for (int i = 0; i < 30; i++) { // the JCA signer gives high-s about half of the time
            String token = tokens.issue("user-" + i, "name", "session-" + i);
            byte[] signature = SignedJWT.parse(token).getSignature().decode();
            assertTrue(LowS.isCanonical(signature));
            assertEquals("user-" + i, tokens.verify(token).userId());
            assertEquals("session-" + i, tokens.verify(token).sessionId());
            String twin = token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode(LowSTest.twin(signature));
            assertEquals("INVALID_TOKEN", assertThrows(PergolaException.class, () -> tokens.verify(twin)).code());
        }
    }

    @Test
    public void afterARestoreDropsItsKeyATokenVerifiedBeforeIsRefusedOnceForgotten() {
        String token = tokens.issue("u", "name", "s");
        assertEquals("u", tokens.verify(token).userId());
        published.clear(); // the restored database holds other keys
        assertEquals("remembered as verified", "u", tokens.verify(token).userId());
        tokens.forgetVerified();
        assertEquals("INVALID_TOKEN", assertThrows(PergolaException.class, () -> tokens.verify(token)).code());
    }

    @Test
    public void aTokenOfAKeyNotYetSeenIsAcceptedOnceTheKeyIsKnown() {
        signing = key("k2"); // another node rotated: this node has not reloaded its keys yet
        String token = tokens.issue("u", "name", "s");
        assertEquals("INVALID_TOKEN", assertThrows(PergolaException.class, () -> tokens.verify(token)).code());
        published.put("k2", signing.toPublicJWK());
        assertEquals("the refusal was not cached", "u", tokens.verify(token).userId());
    }

    @Test
    public void tamperedTokensAreRefused() {
        String token = tokens.issue("u", "name", "s");
        String[] parts = token.split("\\.");
        String otherPayload = tokens.issue("admin", "admin", "s").split("\\.")[1];
        assertThrows(PergolaException.class, () -> tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]));
        assertThrows(PergolaException.class, () -> tokens.verify("not.a.token"));
    }

    private static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
