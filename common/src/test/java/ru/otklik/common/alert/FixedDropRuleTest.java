package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixedDropRuleTest {

    @Test
    void halfUnhappyOfAtLeastFourInFifteenMinutesOpensAndRecoveryCloses() {
        FixedDropRule rule = FixedDropRule.happyOrNotDefault();
        assertEquals(DropIncident.Change.NONE, rule.observe(0, true));
        assertEquals(DropIncident.Change.NONE, rule.observe(60, true));
        assertEquals(DropIncident.Change.NONE, rule.observe(120, true), "three are below the minimum of four");
        assertEquals(DropIncident.Change.OPENED, rule.observe(180, false), "3 of 4 unhappy");
        assertEquals(DropIncident.Change.NONE, rule.observe(240, false), "3 of 5 is still half or more");
        assertEquals(DropIncident.Change.NONE, rule.observe(300, false), "3 of 6");
        assertEquals(DropIncident.Change.CLOSED, rule.observe(360, false), "3 of 7");
        // the rule has no memory beyond its window: half again is a second incident (it flaps)
        assertEquals(DropIncident.Change.OPENED, rule.observe(420, true), "4 of 8");
        assertTrue(rule.isOpen());
    }

    @Test
    void observationsLeaveTheWindowAfterFifteenMinutes() {
        FixedDropRule rule = FixedDropRule.happyOrNotDefault();
        rule.observe(0, true);
        rule.observe(10, true);
        rule.observe(20, true);
        // 15 minutes later the first three have left: one observation is below the minimum
        assertEquals(DropIncident.Change.NONE, rule.observe(20 + 900, true));
        assertEquals(DropIncident.Change.NONE, rule.observe(921, true));
        assertEquals(DropIncident.Change.NONE, rule.observe(922, true));
        assertEquals(DropIncident.Change.OPENED, rule.observe(923, false), "3 of the last 4 in the window");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FixedDropRule(0, 4, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new FixedDropRule(900, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new FixedDropRule(900, 4, 1.5));
    }
}
