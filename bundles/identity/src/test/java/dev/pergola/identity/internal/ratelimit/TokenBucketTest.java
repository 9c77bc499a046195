package dev.pergola.identity.internal.ratelimit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    public void allowsTheCapacityThenRefusesUntilATokenComesBack() {
        TokenBucket bucket = new TokenBucket(60, 0);
        for (int i = 59; i >= 0; i--) {
            TokenBucket.Take take = bucket.take(0);
            assertTrue(take.allowed());
            assertEquals(i, take.remaining());
        }
        TokenBucket.Take refused = bucket.take(0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.resetSeconds());
        assertTrue("one token per second at 60/min", bucket.take(SECOND).allowed());
        assertFalse(bucket.take(SECOND).allowed());
    }

    @Test
    public void refillsToCapacityAndNoMore() {
        TokenBucket bucket = new TokenBucket(10, 0);
        bucket.take(0);
        TokenBucket.Take later = bucket.take(3600 * SECOND);
        assertEquals(9, later.remaining());
    }
}
