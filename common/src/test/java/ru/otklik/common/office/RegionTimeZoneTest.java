package ru.otklik.common.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RegionTimeZoneTest {

    @Test
    void everyPilotRegionIsListedExplicitly() {
        for (Office office : OfficeDirectory.pilot().offices()) {
            assertTrue(RegionTimeZone.lists(office.regionCode()), office.regionCode() + " has no zone");
        }
    }

    @Test
    void eastOfTheUralsIsNotMoscowTime() {
        assertEquals(ZoneId.of("Asia/Vladivostok"), RegionTimeZone.of("PRI"));
        assertEquals(ZoneId.of("Asia/Krasnoyarsk"), RegionTimeZone.of("KYA"));
        assertEquals(RegionTimeZone.MOSCOW, RegionTimeZone.of("BRY"));
        assertEquals(RegionTimeZone.MOSCOW, RegionTimeZone.of("unknown"));
    }
}
