package ru.otklik.common.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    private static long at(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void aPaneLeavesItsWindowOnePaneAndOneWindowAfterItStarts() {
        long pane = RollingWindow.HOUR.paneOf(at("2026-12-01T10:00:42Z"));
        assertEquals(at("2026-12-01T10:00:00Z"), pane);
        assertEquals(at("2026-12-01T11:01:00Z"), RollingWindow.HOUR.leavesAt(pane));
        assertTrue(RollingWindow.HOUR.covers(pane, at("2026-12-01T11:00:59Z")));
        assertFalse(RollingWindow.HOUR.covers(pane, at("2026-12-01T11:01:00Z")));
        assertTrue(RollingWindow.HOUR.covers(pane, at("2026-12-01T09:00:00Z")), "newer than as_of counts too");
        assertEquals(at("2026-12-01T10:00:00Z"), RollingWindow.DAY.paneOf(at("2026-12-01T10:14:59Z")));
        assertEquals(at("2026-12-01T06:00:00Z"), RollingWindow.MONTH.paneOf(at("2026-12-01T10:14:59Z")));
    }

    @Test
    void theQuarterIsTheCalendarQuarter() {
        long pane = RollingWindow.QUARTER.paneOf(at("2026-12-01T10:00:00Z"));
        assertEquals(at("2026-10-01T00:00:00Z"), pane);
        assertEquals(at("2027-01-01T00:00:00Z"), RollingWindow.QUARTER.leavesAt(pane));
        assertTrue(RollingWindow.QUARTER.covers(pane, at("2026-12-31T23:59:59Z")));
        assertFalse(RollingWindow.QUARTER.covers(pane, at("2027-01-01T00:00:00Z")));
    }

    @Test
    void codesRoundTrip() {
        for (RollingWindow w : RollingWindow.values()) {
            assertEquals(w, RollingWindow.fromCode(w.code()));
        }
    }
}
