package ru.otklik.kiosk.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^failures)), so a
 * fleet of kiosks coming back online does not retry in lockstep. A server's Retry-After is a floor,
 * and everything is capped.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /** The delay after {@code failures} consecutive failures (1 = the first). */
    public Duration delay(int failures, Duration retryAfter) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << shift);
        long jittered = random.nextLong(ceiling + 1);
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), cap.toMillis());
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
