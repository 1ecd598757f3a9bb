package ru.otklik.common.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientTimesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void plausibleTimesPass() {
        assertNull(ClientTimes.violation(NOW, NOW));
        assertNull(ClientTimes.violation(NOW.plus(ClientTimes.MAX_AHEAD), NOW));
        assertNull(ClientTimes.violation(NOW.minus(ClientTimes.MAX_AGE), NOW));
        assertNull(ClientTimes.violation(NOW.minus(Duration.ofDays(8)), NOW), "a late kiosk backlog is still a response");
    }

    @Test
    void theEndsAreRefusedByName() {
        assertEquals("future", ClientTimes.violation(NOW.plus(ClientTimes.MAX_AHEAD).plusSeconds(1), NOW));
        assertEquals("too-old", ClientTimes.violation(NOW.minus(ClientTimes.MAX_AGE).minusSeconds(1), NOW));
        assertEquals("too-old", ClientTimes.violation(Instant.parse("1900-01-01T00:00:00Z"), NOW));
        assertEquals("too-old", ClientTimes.violation(Instant.MIN, NOW), "no arithmetic on the time itself");
        assertEquals("future", ClientTimes.violation(Instant.MAX, NOW));
        assertEquals("too-old", ClientTimes.violation(Instant.parse("2019-12-31T23:59:59Z"),
                Instant.parse("2020-01-10T00:00:00Z")));
        assertEquals("required", ClientTimes.violation(null, NOW));
    }
}
