package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropDetectorTest {

    private final Random random = new Random(11);
    private final Map<DropIncident.Change, Integer> changes = new EnumMap<>(DropIncident.Change.class);

    private void days(DropDetector d, long from, int count, int perDay, double badShare) {
        for (long day = from; day < from + count; day++) {
            for (int i = 0; i < perDay; i++) {
                changes.merge(d.observe(day, random.nextDouble() < badShare), 1, Integer::sum);
            }
        }
    }

    @Test
    void noTestUntilTheBaselineHoldsItsMinimum() {
        DropDetector d = new DropDetector(DropTestSettings.DEFAULTS);
        days(d, 100, 1, 150, 0.3); // a first day: there is no baseline to hold it against
        assertNull(d.design());
        days(d, 101, 1, 60, 1.0);  // designed from day 100 alone: 150 observations, fewer than 200
        assertNull(d.design());
        assertNull(changes.get(DropIncident.Change.OPENED), "all bad, but nothing to compare it with");
        days(d, 102, 1, 1, 0.3);   // days 100 and 101: 210 observations
        assertNotNull(d.design());
        assertTrue(d.design().p0() > 0.4, "day 101's bad answers are in the baseline: " + d.design().p0());
    }

    @Test
    void aLastingFallIsOneIncidentAgainstTheBaselineBeforeIt() {
        DropDetector d = new DropDetector(DropTestSettings.DEFAULTS);
        days(d, 0, 28, 100, 0.2);
        days(d, 28, 1, 1, 0.2); // the first observation of day 28 designs the test from days 0–27
        BernoulliCusum.Design before = d.design();
        assertNotNull(before);
        assertEquals(0.2, before.p0(), 0.03);
        // the expected false alarms per quarter of this traffic are what the settings ask for, or fewer
        assertTrue(100.0 * DropTestSettings.QUARTER_DAYS / before.inControlRunLength() <= 0.5,
                "false alarms per quarter: " + 100.0 * DropTestSettings.QUARTER_DAYS / before.inControlRunLength());
        changes.clear();
        days(d, 29, 20, 100, 0.45); // a 25-point fall for 20 days
        assertEquals(1, changes.get(DropIncident.Change.OPENED), "one incident, not one per response or day");
        assertTrue(d.incident().isOpen());
        // the incident's days did not enter the baseline (they would have pulled it towards 0.45)
        assertTrue(d.design().p0() < 0.25, "baseline " + d.design().p0());
        days(d, 49, 20, 100, 0.45); // longer than the window: judged by the last baseline, still open
        assertTrue(d.incident().isOpen());
        assertEquals(1, changes.get(DropIncident.Change.OPENED));
        days(d, 69, 10, 100, 0.2);
        assertEquals(1, changes.get(DropIncident.Change.CLOSED));
        assertTrue(!d.incident().isOpen());
    }

    @Test
    void daysComeInOrder() {
        DropDetector d = new DropDetector(DropTestSettings.DEFAULTS);
        d.observe(10, false);
        assertThrows(IllegalArgumentException.class, () -> d.observe(9, false));
    }
}
