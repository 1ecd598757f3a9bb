package ru.otklik.dashboards.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;

class AccessScopeTest {

    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();

    @Test
    void officeUserSeesOnlyTheirOffice() {
        AccessScope s = new AccessScope(Role.OFFICE, "BRY-01", OFFICES);
        assertTrue(s.allowsOffice("BRY-01"));
        assertFalse(s.allowsOffice("BRY-02"));
        assertFalse(s.allowsRegion("BRY"));
        assertFalse(s.allowsAllRegions());
        assertEquals("/offices/BRY-01", s.homePath());
    }

    @Test
    void regionUserSeesTheirRegionsOfficesOnly() {
        AccessScope s = new AccessScope(Role.REGION, "BRY", OFFICES);
        assertTrue(s.allowsOffice("BRY-01"));
        assertTrue(s.allowsOffice("BRY-03"));
        assertFalse(s.allowsOffice("VLA-01"));
        assertFalse(s.allowsOffice("BRY-99"));
        assertTrue(s.allowsRegion("BRY"));
        assertFalse(s.allowsRegion("VLA"));
        assertFalse(s.allowsAllRegions());
        assertEquals("/regions/BRY", s.homePath());
    }

    @Test
    void federalUserSeesEverything() {
        AccessScope s = new AccessScope(Role.FEDERAL, null, OFFICES);
        assertTrue(s.allowsOffice("YAR-02"));
        assertTrue(s.allowsRegion("PRI"));
        assertTrue(s.allowsAllRegions());
        assertEquals("/regions", s.homePath());
    }
}
