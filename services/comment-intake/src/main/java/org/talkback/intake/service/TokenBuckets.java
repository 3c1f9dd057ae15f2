package org.talkback.intake.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rate limits as token buckets: a key may spend {@code capacity} requests at once, and earns them back at
 * {@code perMinute}. Kept in memory, per instance: with several intake instances behind a balancer each keeps
 * its own buckets, so the effective limit is up to instances × the configured one (documented in docs/operations.md).
 */
final class TokenBuckets {

    private final double capacity;
    private final double tokensPerNano;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }
    }

    TokenBuckets(int capacity, int perMinute) {
        this.capacity = capacity;
        this.tokensPerNano = perMinute / 60e9;
    }

    /** Takes a token for the key: 0 if there was one, otherwise the seconds until there will be. */
    long take(String key, long now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * tokensPerNano);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / tokensPerNano / 1e9);
        }
    }

    /** Forgets keys whose buckets have filled up again: they are indistinguishable from new ones. */
    void forgetIdle(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return bucket.tokens + (now - bucket.updatedAt) * tokensPerNano >= capacity;
            }
        });
    }

    int size() {
        return buckets.size();
    }
}
