package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final ReplayGuard guard = new ReplayGuard(clock, Duration.ofMinutes(5));

    @Test
    void aSignatureIsUsableOnceWithinItsWindow() {
        long ts = clock.instant().getEpochSecond();
        assertTrue(guard.firstUse("sig-a", ts));
        assertFalse(guard.firstUse("sig-a", ts));
        clock.advance(Duration.ofMinutes(4));
        assertFalse(guard.firstUse("sig-a", ts), "still inside the skew window");
        assertTrue(guard.firstUse("sig-b", ts), "another signature is independent");
    }

    @Test
    void expiredSignaturesAreForgottenSoMemoryFollowsOneWindow() {
        long ts = clock.instant().getEpochSecond();
        for (int i = 0; i < 1000; i++) {
            assertTrue(guard.firstUse("old-" + i, ts));
        }
        assertEquals(1000, guard.size());
        clock.advance(Duration.ofMinutes(7)); // past skew: the authenticator refuses these as clock-skew anyway
        assertTrue(guard.firstUse("fresh", clock.instant().getEpochSecond()));
        assertEquals(1, guard.size());
    }
}
