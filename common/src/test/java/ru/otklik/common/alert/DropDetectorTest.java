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
        days(d, 100, 7, 25, 0.3);  // seven days, but 175 observations: fewer than 200
        days(d, 107, 1, 1, 0.3);
        assertNull(d.design());
        days(d, 108, 1, 200, 1.0); // all bad, with no test to judge it
        assertNull(changes.get(DropIncident.Change.OPENED), "all bad, but nothing to compare it with yet");
        days(d, 109, 1, 1, 0.3);   // days 102–108 and more: over 200 observations on at least 7 days
        assertNotNull(d.design());
        assertTrue(d.design().p0() > 0.4, "day 108's bad answers are in the baseline: " + d.design().p0());

        DropDetector oneBusyDay = new DropDetector(DropTestSettings.DEFAULTS);
        days(oneBusyDay, 0, 1, 1_000, 0.2);
        days(oneBusyDay, 1, 1, 1, 0.2);
        assertNull(oneBusyDay.design(), "one day is not a baseline, however busy");
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
    void daysThatVaryMoreThanChanceWidenTheLimit() {
        DropDetector steady = new DropDetector(DropTestSettings.DEFAULTS);
        DropDetector wobbly = new DropDetector(DropTestSettings.DEFAULTS);
        for (int day = 0; day < 28; day++) {
            days(steady, day, 1, 200, 0.2);
            days(wobbly, day, 1, 200, day % 2 == 0 ? 0.1 : 0.3); // the same 20 % on average, good and bad days
        }
        days(steady, 28, 1, 1, 0.2);
        days(wobbly, 28, 1, 1, 0.2);
        BernoulliCusum.Design steadyIid = iid(steady.design().p0());
        BernoulliCusum.Design wobblyIid = iid(wobbly.design().p0());
        // chance alone gives a dispersion near 1 (its sd over 28 days is about 0.27)
        assertTrue(steady.design().limit() < 1.8 * steadyIid.limit(), "steady days: " + steady.design().limit()
                + " vs " + steadyIid.limit());
        // daily shares 0.1/0.3 at n=200: variance 0.01 against 0.2·0.8/200 = 0.0008, a dispersion of about 13
        assertTrue(wobbly.design().limit() > 8 * wobblyIid.limit(), "wobbly days: " + wobbly.design().limit() + " vs "
                + wobblyIid.limit());
    }

    private static BernoulliCusum.Design iid(double p0) {
        return DropTestSettings.DEFAULTS.designFor(28 * 200, Math.round(28 * 200 * p0), 28);
    }

    @Test
    void aLateWeekOfHistoryIsStillAWeekOfDays() {
        // the newest day first (the job reached it), then the week before it arrives late
        DropDetector late = new DropDetector(DropTestSettings.DEFAULTS);
        late.observe(107, false);
        days(late, 100, 7, 40, 0.2);
        assertNull(late.design(), "the baseline takes effect when the next day begins");
        late.observe(108, false);
        assertNotNull(late.design(), "seven days of 40: a baseline, although they came after day 107");
        // the same observations in day order give the same test
        DropDetector inOrder = new DropDetector(DropTestSettings.DEFAULTS);
        Random again = new Random(11); // the field's seed: the same bad taps as the late week had
        for (long day = 100; day < 107; day++) {
            for (int i = 0; i < 40; i++) {
                inOrder.observe(day, again.nextDouble() < 0.2);
            }
        }
        inOrder.observe(107, false);
        inOrder.observe(108, false);
        assertEquals(late.design().p0(), inOrder.design().p0(), 0.02);
        // a day older than the baseline's window counts nowhere and breaks nothing
        late.observe(10, true);
        assertEquals(108, late.today());
    }

    private static byte[] written(DropDetector d) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        d.writeTo(new java.io.DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DropDetector read(byte[] bytes) throws java.io.IOException {
        return DropDetector.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
    }

    @Test
    void aDetectorReadBackGoesOnExactlyLikeTheOriginal() throws java.io.IOException {
        DropDetector original = new DropDetector(DropTestSettings.DEFAULTS);
        days(original, 0, 20, 40, 0.2);
        days(original, 20, 1, 30, 0.7); // an incident open at the moment of writing
        assertTrue(original.incident().isOpen());
        DropDetector copy = read(written(original));
        assertEquals(original.incident(), copy.incident());
        assertEquals(original.design(), copy.design());
        assertEquals(original.today(), copy.today());
        assertEquals(DropTestSettings.DEFAULTS, copy.settings());
        Random a = new Random(3);
        Random b = new Random(3);
        for (long day = 20; day < 30; day++) {
            for (int i = 0; i < 40; i++) {
                assertEquals(original.observe(day, a.nextDouble() < 0.2), copy.observe(day, b.nextDouble() < 0.2));
            }
        }
        assertEquals(original.design(), copy.design());
        assertTrue(java.util.Arrays.equals(written(original), written(copy)));
    }

    @Test
    void newSettingsKeepTheNewestDaysAndRedesignAtTheNextDay() throws java.io.IOException {
        DropDetector d = new DropDetector(DropTestSettings.DEFAULTS);
        days(d, 0, 28, 30, 0.2);
        days(d, 28, 1, 1, 0.2);
        BernoulliCusum.Design before = d.design();
        DropTestSettings shorter = new DropTestSettings(0.10, 7, 100, 7, 0.5, 2.0);
        DropDetector moved = d.reconfigured(shorter);
        assertEquals(shorter, moved.settings());
        assertEquals(before, moved.design(), "the test in force runs on until the day ends");
        moved.observe(29, false);
        assertNotNull(moved.design());
        assertEquals(moved.design().p0() + 0.10, moved.design().p1(), 1e-9, "designed for the new shift");
        org.junit.jupiter.api.Assertions.assertSame(d, d.reconfigured(DropTestSettings.DEFAULTS), "the same settings: the same detector");
        assertThrows(java.io.IOException.class, () -> {
            byte[] bytes = written(d);
            bytes[0] = 9; // a format from a newer version
            read(bytes);
        });
    }
}
