package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.response.KioskTap;

/** The follow-up reason: a tap waits for it (or its window), leaves once with it, and survives a restart. */
class ReasonFollowUpTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Instant> wall = new AtomicReference<>(T0);
    private final AtomicInteger ids = new AtomicInteger();

    private PressFilter filter(KioskJournal journal) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall.get();
            }
        };
        return new PressFilter(journal, "k-1", clock, nanos::get, () -> "t-" + ids.incrementAndGet(), WINDOW);
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * 1_000_000);
        wall.set(wall.get().plusMillis(ms));
    }

    private static List<String> ids(List<JournaledTap> taps) {
        return taps.stream().map(t -> t.tap().tapId()).toList();
    }

    @Test
    void aTapIsHeldUntilItsReasonArrivesThenLeavesWithIt() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            PressFilter.Press press = f.press(2, null);
            advanceMillis(2_500); // the press window closed, the reason window did not
            assertTrue(f.sendable(10).isEmpty(), "held while its reason may still come");
            assertEquals(PressFilter.ReasonResult.MERGED, f.reason(press.tapId(), "waiting_time"));
            List<JournaledTap> out = f.sendable(10);
            assertEquals(List.of(press.tapId()), ids(out));
            assertEquals("waiting_time", out.get(0).tap().reason());
            assertEquals(1, journal.unsentCount(), "merged into the tap, not a second tap");
            assertEquals(PressFilter.ReasonResult.ALREADY_HAS_REASON, f.reason(press.tapId(), "other"));
        }
    }

    @Test
    void withoutAReasonTheTapLeavesWhenTheWindowPassesAndALateReasonIsRefused() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            PressFilter.Press press = f.press(3, null);
            advanceMillis(WINDOW.toMillis() - 1);
            assertTrue(f.sendable(10).isEmpty());
            advanceMillis(1);
            List<JournaledTap> out = f.sendable(10);
            assertEquals(List.of(press.tapId()), ids(out));
            assertNull(out.get(0).tap().reason());
            assertEquals(PressFilter.ReasonResult.WINDOW_CLOSED, f.reason(press.tapId(), "result"));
            journal.markSent(out.get(0).sequence());
            assertEquals(PressFilter.ReasonResult.UNKNOWN_OR_SENT, f.reason(press.tapId(), "result"));
            assertEquals(PressFilter.ReasonResult.UNKNOWN_OR_SENT, f.reason("no-such-tap", "result"));
        }
    }

    @Test
    void onlyAPrefixIsSendableSoAHeldTapIsNeverAcknowledgedByALaterOne() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            PressFilter.Press first = f.press(1, null);
            advanceMillis(3_000);
            PressFilter.Press second = f.press(4, null);
            advanceMillis(3_000);
            assertEquals(PressFilter.ReasonResult.MERGED, f.reason(second.tapId(), "premises"));
            assertTrue(f.sendable(10).isEmpty(), "the second has its reason, but the first is still held");
            advanceMillis(WINDOW.toMillis());
            assertEquals(List.of(first.tapId(), second.tapId()), ids(f.sendable(10)));
        }
    }

    @Test
    void afterARestartTheReasonIsStillMergedFromTheJournalAndTheRemainingWindowIsKept() throws IOException {
        String withReason;
        String pending;
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            withReason = f.press(1, null).tapId();
            assertEquals(PressFilter.ReasonResult.MERGED, f.reason(withReason, "staff_attitude"));
            advanceMillis(4_000);
            pending = f.press(4, null).tapId();
        } // a crash: nothing was sent
        advanceMillis(1_000);
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            List<JournaledTap> replayed = journal.unsent(10);
            assertEquals(2, replayed.size());
            assertEquals("staff_attitude", replayed.get(0).tap().reason(), "the reason record was replayed");
            // the second tap is 1 s old by its wall clock: 9 s of its window remain
            assertEquals(List.of(withReason), ids(f.sendable(10)));
            assertEquals(PressFilter.ReasonResult.MERGED, f.reason(pending, "result"));
            List<KioskTap> out = f.sendable(10).stream().map(JournaledTap::tap).toList();
            assertEquals(List.of(withReason, pending), out.stream().map(KioskTap::tapId).toList());
            assertEquals("result", out.get(1).reason());
        }
        try (KioskJournal journal = KioskJournal.open(dir)) {
            assertEquals("result", journal.unsent(10).get(1).tap().reason(), "durable before it was acknowledged");
        }
    }

    @Test
    void aReplayedTapOlderThanTheWindowIsNotHeld() throws IOException {
        String id;
        try (KioskJournal journal = KioskJournal.open(dir)) {
            id = filter(journal).press(2, null).tapId();
        }
        advanceMillis(WINDOW.toMillis() + 5_000);
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            assertEquals(List.of(id), ids(f.sendable(10)));
            assertEquals(PressFilter.ReasonResult.WINDOW_CLOSED, f.reason(id, "other"));
        }
    }

    @Test
    void aVisitorWritingACommentHoldsTheTapUntilTheCommentLeavesWithItAndTheJournalKeepsIt() throws IOException {
        String written;
        String alone;
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            written = f.press(1, null).tapId();
            advanceMillis(3_000);
            assertEquals(PressFilter.ReasonResult.HELD, f.writing(written));
            advanceMillis(WINDOW.toMillis() + 60_000); // far past the reason window: still writing
            assertTrue(f.sendable(10).isEmpty(), "held for the comment");
            assertEquals(PressFilter.ReasonResult.MERGED,
                    f.followUp(written, "waiting_time", "Окно 3 закрыто, очередь 40 минут"));
            assertEquals(List.of(written), ids(f.sendable(10)));
            assertEquals(PressFilter.ReasonResult.ALREADY_HAS_REASON, f.writing(written), "the follow-up is final");

            alone = f.press(2, null).tapId();
            advanceMillis(2_500);
            assertEquals(PressFilter.ReasonResult.HELD, f.writing(alone));
            assertEquals(PressFilter.ReasonResult.MERGED, f.followUp(alone, null, "Не работает принтер"));
            assertEquals(List.of(written, alone), ids(f.sendable(10)), "a comment without a reason is a follow-up too");
        } // a crash before sending
        try (KioskJournal journal = KioskJournal.open(dir)) {
            List<KioskTap> replayed = journal.unsent(10).stream().map(JournaledTap::tap).toList();
            assertEquals("waiting_time", replayed.get(0).reason());
            assertEquals("Окно 3 закрыто, очередь 40 минут", replayed.get(0).comment(), "the comment was journaled");
            assertNull(replayed.get(1).reason());
            assertEquals("Не работает принтер", replayed.get(1).comment());
        }
    }

    @Test
    void aVisitorWhoStopsWritingDoesNotHoldTheTapForeverAndALateStartIsRefused() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            String id = f.press(1, null).tapId();
            assertEquals(PressFilter.ReasonResult.HELD, f.writing(id));
            advanceMillis(PressFilter.COMMENT_WINDOW.toMillis() - 1);
            assertTrue(f.sendable(10).isEmpty());
            advanceMillis(1);
            assertEquals(List.of(id), ids(f.sendable(10)), "leaves without a comment when the comment window passed");
            assertEquals(PressFilter.ReasonResult.WINDOW_CLOSED, f.followUp(id, null, "too late"));

            String late = f.press(2, null).tapId();
            advanceMillis(WINDOW.toMillis());
            assertEquals(PressFilter.ReasonResult.WINDOW_CLOSED, f.writing(late), "writing after the window holds nothing");
        }
    }

    @Test
    void suppressedPressesAreCountedSinceStart() throws IOException {
        try (KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter f = filter(journal);
            f.press(1, null);
            f.press(1, null);
            f.press(1, null);
            assertEquals(2, f.suppressedSinceStart());
            assertEquals(2, journal.unsent(10).get(0).tap().suppressedPresses());
        }
    }
}
