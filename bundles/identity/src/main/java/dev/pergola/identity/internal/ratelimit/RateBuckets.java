package dev.pergola.identity.internal.ratelimit;

import dev.pergola.identity.internal.cache.LruMap;

/**
 * Token buckets by key ({@code a:<address>}, {@code u:<user id>}, …), at most {@code tracked} of them: the least
 * recently used bucket is forgotten first, so a flood of new keys costs a fixed amount of memory. A forgotten
 * bucket comes back full, which only ever favours a key that has been quiet.
 */
public final class RateBuckets {
    /** One request's outcome and the limit it was measured against. */
    public record Charge(int limit, boolean allowed, int remaining, long resetSeconds) {
    }

    private final LruMap<String, TokenBucket> buckets;

    public RateBuckets(int tracked) {
        this.buckets = new LruMap<>(tracked);
    }

    public Charge take(String key, int perMinute) {
        TokenBucket bucket = buckets.compute(key, (k, b) -> b == null || b.capacity() != perMinute
                ? new TokenBucket(perMinute, System.nanoTime()) : b);
        TokenBucket.Take take = bucket.take(System.nanoTime());
        return new Charge(perMinute, take.allowed(), take.remaining(), take.resetSeconds());
    }

    public void refund(String key) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.refund();
        }
    }

    public void resize(int tracked) {
        buckets.resize(tracked);
    }
}
