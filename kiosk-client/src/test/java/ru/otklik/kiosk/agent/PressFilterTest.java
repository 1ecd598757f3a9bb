package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.response.KioskTap;

class PressFilterTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger ids = new AtomicInteger();

    private PressFilter filter(KioskJournal journal) {
        return new PressFilter(journal, "k-1", Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC),
                nanos::get, () -> "t-" + ids.incrementAndGet());
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * 1_000_000);
    }

    private static List<KioskTap> taps(KioskJournal journal) {
        return journal.unsent(100).stream().map(JournaledTap::tap).toList();
    }

    @Test
    void sameButtonWithinTwoSecondsIsFoldedIntoTheKeptTap() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            PressFilter.Press first = f.press(4, "result");
            advanceMillis(300);
            PressFilter.Press second = f.press(4, null);
            advanceMillis(1_600);
            PressFilter.Press third = f.press(4, "other");
            assertTrue(first.counted());
            assertFalse(second.counted());
            assertFalse(third.counted());
            assertEquals(first.tapId(), second.tapId(), "a suppressed press points at the kept tap");
            List<KioskTap> taps = taps(journal);
            assertEquals(1, taps.size());
            assertEquals(2, taps.get(0).suppressedPresses());
            assertEquals("result", taps.get(0).reason(), "the kept tap keeps its own reason");
        }
    }

    @Test
    void theWindowIsAnchoredAtTheCountedPress() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            f.press(1, null);
            advanceMillis(1_500);
            assertFalse(f.press(1, null).counted());
            advanceMillis(500); // 2 s after the counted press: a new tap
            assertTrue(f.press(1, null).counted());
            List<KioskTap> taps = taps(journal);
            assertEquals(List.of(1, 0), taps.stream().map(KioskTap::suppressedPresses).toList());
        }
    }

    @Test
    void differentButtonsAreNeverSuppressed() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            assertTrue(f.press(1, null).counted());
            assertTrue(f.press(2, null).counted());
            // the previous counted press is now button 2, so button 1 again is a new visitor's opinion
            assertTrue(f.press(1, null).counted());
            assertEquals(List.of(1, 2, 1), taps(journal).stream().map(KioskTap::button).toList());
            assertTrue(taps(journal).stream().allMatch(t -> t.suppressedPresses() == 0));
        }
    }

    @Test
    void theNewestTapIsHeldBackUntilItsCountIsFinal() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            f.press(3, null);
            assertTrue(f.sendable(10).isEmpty(), "the window is open: more presses may fold in");
            advanceMillis(500);
            f.press(3, null);
            f.press(2, null); // another button closes the first tap's window
            List<JournaledTap> sendable = f.sendable(10);
            assertEquals(1, sendable.size());
            assertEquals(1, sendable.get(0).tap().suppressedPresses());
            advanceMillis(2_000);
            assertEquals(2, f.sendable(10).size());
        }
    }

    @Test
    void suppressedCountsSurviveARestart() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            f.press(2, null);
            f.press(2, null);
            f.press(2, null);
        }
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            List<JournaledTap> sendable = f.sendable(10);
            assertEquals(1, sendable.size(), "no window is open after a restart");
            assertEquals(2, sendable.get(0).tap().suppressedPresses());
            assertTrue(f.press(2, null).counted(), "after a restart the first press is counted");
        }
    }

    @Test
    void aJournaledTapWithAnImplausibleTimeIsStillSentAndBlocksNothing() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            // written under a broken clock; 326 years ago overflows Duration.toNanos
            journal.append(new KioskTap("t-old", "k-1", 2, null, Instant.parse("1700-01-01T00:00:00Z"), 0));
            journal.append(new KioskTap("t-now", "k-1", 3, null, Instant.parse("2026-03-01T09:59:00Z"), 0));
            PressFilter restarted = filter(journal); // a restart: no reason windows known
            List<String> sendable = restarted.sendable(10).stream().map(t -> t.tap().tapId()).toList();
            assertEquals(List.of("t-old", "t-now"), sendable, "nothing is dropped, nothing waits behind it");
        }
    }
}
