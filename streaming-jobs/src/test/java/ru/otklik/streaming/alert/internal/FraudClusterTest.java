package ru.otklik.streaming.alert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.streaming.alert.internal.FraudCluster.Outcome;

/** An incident is the dense run of a source: not the ordinary responses around it. */
class FraudClusterTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final int THRESHOLD = 30;
    private static final long WINDOW = 10 * MINUTE;

    @Test
    void aKioskTappedAsUsualAfterABurstLeavesTheBurstAndItsFlagCloses() {
        FraudCluster kiosk = new FraudCluster("BRY-01", "BRY", FraudSignal.KIOSK_BURST, "tp-1");
        List<Outcome> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // visitors every 3 minutes
            before.add(kiosk.observe(T0 + i * 3 * MINUTE, "visitor-" + i, THRESHOLD, WINDOW));
        }
        assertEquals(List.of(Outcome.WATCHED, Outcome.WATCHED, Outcome.WATCHED), before);
        long burst = T0 + 7 * MINUTE;
        Outcome opening = null;
        for (int i = 0; i < 40; i++) { // a tap every 5 s
            Outcome o = kiosk.observe(burst + i * 5_000L, "fake-" + i, THRESHOLD, WINDOW);
            if (o == Outcome.OPENED) {
                opening = o;
                List<String> named = new ArrayList<>(kiosk.ids());
                assertTrue(named.stream().allMatch(id -> id.startsWith("fake-")),
                        "the visitors in the window before the run are not named: " + named);
                assertEquals(named.size(), kiosk.row(THRESHOLD, WINDOW, "open", null, 0, 0).flagged());
                assertEquals(burst / 1000, kiosk.row(THRESHOLD, WINDOW, "open", null, 0, 0).startedTs(),
                        "the incident starts with the run");
            } else if (opening != null) {
                assertEquals(Outcome.GATHERED, o, "the rest of the run joins it");
            }
        }
        assertEquals(Outcome.OPENED, opening);
        long lastFake = burst + 39 * 5_000L;
        assertEquals(lastFake + WINDOW, kiosk.closesAt(WINDOW));
        for (int i = 1; i <= 5; i++) { // visitors again, every 2 minutes, still within the window of the run
            assertEquals(Outcome.PASSED, kiosk.observe(lastFake + i * 2 * MINUTE, "after-" + i, THRESHOLD, WINDOW));
        }
        assertFalse(kiosk.ids().stream().anyMatch(id -> id.startsWith("after-")), "no visitor named after the run");
        assertEquals(lastFake + WINDOW, kiosk.closesAt(WINDOW), "ordinary taps do not keep the flag open");
        assertTrue(kiosk.expiredAt(lastFake + WINDOW, WINDOW));
        assertFalse(kiosk.expiredAt(lastFake + WINDOW - 1, WINDOW));
    }

    @Test
    void aWatchedSourceIsDoneWithAWindowAfterItsNewestResponse() {
        FraudCluster address = new FraudCluster("BRY-01", "BRY", FraudSignal.SOURCE_BURST, "ip-1");
        assertEquals(Outcome.WATCHED, address.observe(T0, "r-1", 5, WINDOW));
        assertEquals(Outcome.WATCHED, address.observe(T0 + MINUTE, "r-2", 5, WINDOW));
        assertEquals(T0 + MINUTE + WINDOW, address.closesAt(WINDOW));
    }

    @Test
    void aLateResponseInsideTheRunJoinsIt() {
        FraudCluster address = new FraudCluster("BRY-01", "BRY", FraudSignal.SOURCE_BURST, "ip-1");
        for (int i = 0; i < 5; i++) {
            address.observe(T0 + i * MINUTE, "r-" + i, 5, WINDOW);
        }
        assertTrue(address.isOpen());
        assertEquals(Outcome.GATHERED, address.observe(T0 + 5 * MINUTE, "r-5", 5, WINDOW));
        assertEquals(Outcome.GATHERED, address.observe(T0 + 90_000, "late", 5, WINDOW), "a minute from its neighbours");
        assertTrue(address.ids().contains("late"));
    }
}
