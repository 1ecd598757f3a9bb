package ru.otklik.kiosk.simulator.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter (a random delay between half and all of the step, so a thousand clients refused at once do not come back
 * at once), never sooner than the server's Retry-After, and bounded in attempts and total time:
 * an event that cannot be delivered in that budget is counted as failed, not retried forever.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration maxElapsed) {

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(10), 12, Duration.ofMinutes(3));
    }

    /** For tests: quick retries. */
    public static RetryPolicy fast() {
        return new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50), 10, Duration.ofSeconds(30));
    }

    /** Delay before retry number {@code retry} (1 = the first retry). */
    public Duration delay(int retry, Duration retryAfter) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, retry - 1));
        long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), cap.toMillis() * 3);
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    /** Whether another attempt is allowed after {@code attempts} attempts that started {@code elapsed} ago. */
    public boolean mayRetry(int attempts, Duration elapsed) {
        return attempts < maxAttempts && elapsed.compareTo(maxElapsed) < 0;
    }
}
