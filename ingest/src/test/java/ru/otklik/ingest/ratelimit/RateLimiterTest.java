package ru.otklik.ingest.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private RateLimiter limiter(double perSecond, int burst, int maxKeys) {
        return new RateLimiter(new RateLimit(perSecond, burst), maxKeys, now::get);
    }

    @Test
    void theBurstIsAllowedThenRefusedWithWhenToRetry() {
        RateLimiter limiter = limiter(1, 3, 10);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("a").allowed(), "request " + i + " of the burst");
        }
        RateLimiter.Decision refused = limiter.acquire("a");
        assertFalse(refused.allowed());
        assertEquals(SECOND, refused.retryAfterNanos());
        assertEquals(1, refused.retryAfterSeconds());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        RateLimiter slow = limiter(0.4, 1, 10); // one token every 2.5 s
        assertTrue(slow.acquire("a").allowed());
        assertEquals(3, slow.acquire("a").retryAfterSeconds());
        RateLimiter fast = limiter(100, 1, 10);
        assertTrue(fast.acquire("a").allowed());
        RateLimiter.Decision refused = fast.acquire("a");
        assertEquals(SECOND / 100, refused.retryAfterNanos());
        assertEquals(1, refused.retryAfterSeconds(), "never 0");
    }

    @Test
    void tokensRefillOverTimeUpToTheBurst() {
        RateLimiter limiter = limiter(2, 4, 10);
        for (int i = 0; i < 4; i++) {
            assertTrue(limiter.acquire("a").allowed());
        }
        assertFalse(limiter.acquire("a").allowed());
        now.addAndGet(SECOND / 2); // one token
        assertTrue(limiter.acquire("a").allowed());
        assertFalse(limiter.acquire("a").allowed());
        now.addAndGet(100 * SECOND); // refills to the burst, not beyond
        for (int i = 0; i < 4; i++) {
            assertTrue(limiter.acquire("a").allowed());
        }
        assertFalse(limiter.acquire("a").allowed());
    }

    @Test
    void refusedRequestsDoNotDelayTheRefill() {
        RateLimiter limiter = limiter(1, 1, 10);
        assertTrue(limiter.acquire("a").allowed());
        now.addAndGet(SECOND / 2);
        assertFalse(limiter.acquire("a").allowed());
        now.addAndGet(SECOND / 2);
        assertTrue(limiter.acquire("a").allowed(), "the half token earlier still counts");
    }

    @Test
    void keysAreIndependent() {
        RateLimiter limiter = limiter(1, 2, 10);
        assertTrue(limiter.acquire("a").allowed());
        assertTrue(limiter.acquire("a").allowed());
        assertFalse(limiter.acquire("a").allowed());
        assertTrue(limiter.acquire("b").allowed());
        assertTrue(limiter.acquire("b").allowed());
        assertFalse(limiter.acquire("b").allowed());
    }

    @Test
    void idleKeysAreEvicted() {
        RateLimiter limiter = limiter(1, 2, 10); // full again 2 s after the last request
        limiter.acquire("a");
        limiter.acquire("b");
        now.addAndGet(SECOND);
        limiter.acquire("c");
        assertEquals(3, limiter.size());
        now.addAndGet(SECOND); // a and b idle for 2 s, c for 1 s
        limiter.acquire("c");
        assertEquals(1, limiter.size(), "a and b are dropped, c stays");
        assertTrue(limiter.acquire("a").allowed(), "a dropped key starts with a full bucket");
        assertTrue(limiter.acquire("a").allowed());
        assertFalse(limiter.acquire("a").allowed());
    }

    @Test
    void theNumberOfKeysIsBoundedAndTheLeastRecentlySeenGoesFirst() {
        RateLimiter limiter = limiter(1, 1, 3);
        limiter.acquire("a");
        limiter.acquire("b");
        limiter.acquire("c");
        limiter.acquire("a"); // refused, but seen: b is now the least recent
        limiter.acquire("d");
        assertEquals(3, limiter.size());
        assertFalse(limiter.acquire("a").allowed(), "a was kept");
        assertFalse(limiter.acquire("c").allowed(), "c was kept");
        assertTrue(limiter.acquire("b").allowed(), "b was evicted, so it starts afresh");
        assertEquals(3, limiter.size());
    }

    @Test
    void concurrentRequestsNeverSpendMoreThanTheBurst() throws Exception {
        RateLimiter limiter = limiter(1, 1000, 10); // the clock stands still: exactly 1000 tokens
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 500; i++) {
                    if (limiter.acquire("shared").allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1000, allowed.get());
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 1, 0));
    }
}
