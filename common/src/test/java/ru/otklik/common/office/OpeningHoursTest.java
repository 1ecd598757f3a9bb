package ru.otklik.common.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final OpeningHours PILOT = OpeningHours.pilot();

    private static Instant msk(int day, int hour, int minute) { // 2026-03-02 is a Monday
        return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, MSK).toInstant();
    }

    @Test
    void thePilotScheduleIsWeekdaysAndSaturdayMornings() {
        assertEquals(java.util.List.of("mon 09:00-18:00", "tue 09:00-18:00", "wed 09:00-18:00", "thu 09:00-18:00",
                "fri 09:00-18:00", "sat 10:00-14:00"), PILOT.describe());
        assertTrue(PILOT.isOpen(msk(2, 9, 0), MSK));
        assertFalse(PILOT.isOpen(msk(2, 18, 0), MSK), "closing time is closed");
        assertFalse(PILOT.isOpen(msk(8, 12, 0), MSK), "Sunday");
        assertTrue(PILOT.isOpen(msk(7, 12, 0), MSK), "Saturday morning");
    }

    @Test
    void openTimeSkipsNightsAndClosedDays() {
        assertEquals(msk(2, 10, 30), PILOT.afterOpenTime(msk(2, 10, 0), Duration.ofMinutes(30), MSK));
        // Friday 17:50: ten minutes left that day, the other twenty on Saturday from 10:00
        assertEquals(msk(7, 10, 20), PILOT.afterOpenTime(msk(6, 17, 50), Duration.ofMinutes(30), MSK));
        // Saturday 13:50: ten minutes, then Monday 09:00 (Sunday closed)
        assertEquals(msk(9, 9, 20), PILOT.afterOpenTime(msk(7, 13, 50), Duration.ofMinutes(30), MSK));
        // at night: from the next opening
        assertEquals(msk(3, 9, 30), PILOT.afterOpenTime(msk(2, 23, 0), Duration.ofMinutes(30), MSK));
        // in another zone the same local hours are other instants
        ZoneId vladivostok = ZoneId.of("Asia/Vladivostok");
        assertEquals(ZonedDateTime.of(2026, 3, 3, 9, 30, 0, 0, vladivostok).toInstant(),
                PILOT.afterOpenTime(ZonedDateTime.of(2026, 3, 2, 20, 0, 0, 0, vladivostok).toInstant(),
                        Duration.ofMinutes(30), vladivostok));
    }

    @Test
    void badSchedulesAreRefusedWithWhatWasExpected() {
        for (String bad : new String[] {"", "Mon-Fri", "Mon-Fri 18:00-09:00", "Mon-Fry 09:00-18:00", "Mon 9-18"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("must"), e.getMessage());
        }
        assertEquals(java.util.List.of("sat 10:00-14:00", "sun 10:00-14:00"), OpeningHours.parse("Sat-Sun 10:00-14:00").describe());
    }
}
