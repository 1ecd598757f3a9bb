package ru.otklik.dashboards.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void theFifthWrongPasswordOfANameLocksItForThirtySecondsAndEachFurtherOneDoubles() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES - 1; i++) {
            t.failed("region-BRY", "10.0.0." + i); // a guesser changing addresses is still counted per name
            assertEquals(Optional.empty(), t.refusedFor("region-BRY", "10.0.0.99"), "failure " + (i + 1));
        }
        t.failed("Region-BRY ", "10.0.0.4"); // names are compared as the login compares them
        assertEquals(Optional.of(Duration.ofSeconds(30)), t.refusedFor("region-BRY", "10.9.9.9"));
        assertEquals(Optional.empty(), t.refusedFor("region-KLU", "10.9.9.9"), "other names are not touched");

        clock.pass(Duration.ofSeconds(31));
        assertEquals(Optional.empty(), t.refusedFor("region-BRY", "10.9.9.9"), "the lock ends");
        t.failed("region-BRY", "10.9.9.9");
        assertEquals(Optional.of(Duration.ofSeconds(60)), t.refusedFor("region-BRY", "10.9.9.9"), "doubled");
        for (int i = 0; i < 20; i++) {
            clock.pass(Duration.ofSeconds(1));
            t.failed("region-BRY", "10.9.9." + i);
        }
        assertEquals(Optional.of(LoginThrottle.LONGEST_LOCK), t.refusedFor("region-BRY", "10.1.1.1"), "capped");
    }

    @Test
    void aSuccessClearsTheNameAndOldFailuresAreForgotten() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES - 1; i++) {
            t.failed("office-BRY-01", "10.0.0.1");
        }
        t.succeeded("office-BRY-01");
        t.failed("office-BRY-01", "10.0.0.1");
        assertEquals(Optional.empty(), t.refusedFor("office-BRY-01", "10.0.0.1"), "counted afresh after the success");

        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES - 2; i++) {
            t.failed("office-BRY-01", "10.0.0.1");
        }
        clock.pass(LoginThrottle.PERIOD.plusSeconds(1));
        t.failed("office-BRY-01", "10.0.0.1");
        assertEquals(Optional.empty(), t.refusedFor("office-BRY-01", "10.0.0.1"),
                "four failures a quarter of an hour ago and one now are not five");
    }

    @Test
    void oneAddressTryingManyNamesIsLockedAsAnAddress() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            t.failed("guess-" + i, "203.0.113.7");
        }
        Optional<Duration> refused = t.refusedFor("federal", "203.0.113.7");
        assertTrue(refused.isPresent(), "even a real name from that address waits");
        assertEquals(Optional.empty(), t.refusedFor("federal", "203.0.113.8"), "the name itself is not locked");
        assertEquals(LoginThrottle.ADDRESS_FAILURES + 1, t.tracked(), "one entry per name and one for the address");
    }
}
