package ru.otklik.ingest.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (an IP address, a device id). Thread-safe; memory is bounded by
 * {@code maxKeys}. A bucket untouched long enough to refill completely is the same as no bucket,
 * so such idle keys are dropped first; beyond that the least recently seen key goes.
 */
public final class RateLimiter {

    /** The answer for one request: allowed, or refused with how long until a token is there. */
    public record Decision(boolean allowed, long retryAfterNanos) {

        static final Decision ALLOWED = new Decision(true, 0);

        /** Whole seconds for {@code Retry-After}: rounded up, at least 1 (0 would invite an instant retry). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        }
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final RateLimit limit;
    private final int maxKeys;
    private final LongSupplier nanos;
    private final long fullRefillNanos;
    // access order: the head is the key seen least recently, the first to check for idleness
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(RateLimit limit, int maxKeys, LongSupplier nanos) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
        }
        this.limit = limit;
        this.maxKeys = maxKeys;
        this.nanos = nanos;
        this.fullRefillNanos = (long) Math.ceil(limit.burst() / limit.perSecond() * TimeUnit.SECONDS.toNanos(1));
    }

    public static RateLimiter systemTime(RateLimit limit, int maxKeys) {
        return new RateLimiter(limit, maxKeys, System::nanoTime);
    }

    /** Takes one token for {@code key} if there is one. */
    public Decision acquire(String key) {
        long now = nanos.getAsLong();
        synchronized (buckets) {
            evictIdle(now);
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                if (buckets.size() >= maxKeys) { // all busy: the least recently seen one gives way
                    Iterator<String> eldest = buckets.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
                bucket = new Bucket(limit.burst(), now);
                buckets.put(key, bucket);
            } else {
                long elapsed = Math.max(0, now - bucket.refilledAt);
                bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsed * limit.perSecond() / 1e9);
                bucket.refilledAt = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOWED;
            }
            double missing = 1 - bucket.tokens;
            return new Decision(false, (long) Math.ceil(missing / limit.perSecond() * 1e9));
        }
    }

    /** Keys currently tracked (for tests and metrics). */
    public int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private void evictIdle(long now) {
        Iterator<Map.Entry<String, Bucket>> oldest = buckets.entrySet().iterator();
        while (oldest.hasNext()) {
            if (now - oldest.next().getValue().refilledAt < fullRefillNanos) {
                return; // access order: every later key was seen more recently
            }
            oldest.remove();
        }
    }
}
