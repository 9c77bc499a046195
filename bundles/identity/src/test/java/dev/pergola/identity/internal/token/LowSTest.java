package dev.pergola.identity.internal.token;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;

import org.junit.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

public class LowSTest {
    @Test
    public void theHighSTwinOfAValidSignatureAlsoVerifiesInTheLibraryButIsNotCanonical() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey());
        for (int i = 0; i < 20; i++) {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"n\":" + i + "}"));
            jws.sign(new ECDSASigner(key));
            byte[] low = LowS.normalize(jws.getSignature().decode());
            byte[] high = twin(low);
            assertTrue(LowS.isCanonical(low));
            assertFalse(LowS.isCanonical(high));
            // the library alone accepts both: the check in AccessTokens is what refuses the twin
            assertTrue(verify(jws, low, verifier));
            assertTrue(verify(jws, high, verifier));
            assertArrayEquals("normalizing is idempotent", low, LowS.normalize(low));
            assertArrayEquals(low, LowS.normalize(high));
        }
    }

    @Test
    public void malformedSignaturesAreNotCanonical() {
        assertFalse(LowS.isCanonical(new byte[63]));
        assertFalse(LowS.isCanonical(new byte[64])); // r = s = 0
        byte[] rIsN = new byte[64];
        byte[] n = LowS.N.toByteArray();
        System.arraycopy(n, n.length - 32, rIsN, 0, 32);
        rIsN[63] = 1;
        assertFalse(LowS.isCanonical(rIsN));
    }

    @Test
    public void aSmallLowSIsPaddedToThirtyTwoBytes() {
        byte[] sig = new byte[64];
        sig[31] = 5; // r = 5
        byte[] nMinus3 = LowS.N.subtract(BigInteger.valueOf(3)).toByteArray();
        System.arraycopy(nMinus3, nMinus3.length - 32, sig, 32, 32);
        byte[] low = LowS.normalize(sig);
        assertEquals(64, low.length);
        assertEquals(BigInteger.valueOf(3), new BigInteger(1, Arrays.copyOfRange(low, 32, 64)));
        assertEquals(BigInteger.valueOf(5), new BigInteger(1, Arrays.copyOfRange(low, 0, 32)));
    }

    /** The malleable twin of an ES256 signature: same r, s replaced by n - s. */
    static byte[] twin(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] other = LowS.N.subtract(s).toByteArray();
        byte[] result = Arrays.copyOf(signature, 64);
        Arrays.fill(result, 32, 64, (byte) 0);
        int len = Math.min(32, other.length);
        System.arraycopy(other, other.length - len, result, 64 - len, len);
        return result;
    }

    private static boolean verify(JWSObject jws, byte[] signature, ECDSAVerifier verifier) throws Exception {
        String[] parts = jws.serialize().split("\\.");
        return JWSObject.parse(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)).verify(verifier);
    }
}
