package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(7));

    @Test
    void delaysStayWithinTheGrowingCeilingAndTheCap() {
        for (int failures = 1; failures < 40; failures++) {
            long ceiling = Math.min(300_000L, 1000L << Math.min(failures - 1, 30));
            for (int i = 0; i < 50; i++) {
                long d = backoff.delay(failures, null).toMillis();
                assertTrue(d >= 0 && d <= ceiling, "failures=" + failures + " delay=" + d);
            }
        }
    }

    @Test
    void retryAfterIsAFloorButTheCapStillHolds() {
        assertTrue(backoff.delay(1, Duration.ofSeconds(30)).toMillis() >= 30_000);
        assertEquals(Duration.ofMinutes(5), backoff.delay(1, Duration.ofHours(1)));
    }
}
