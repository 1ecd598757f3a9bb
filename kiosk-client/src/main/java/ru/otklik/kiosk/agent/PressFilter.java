package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import ru.otklik.common.response.KioskTap;

/**
 * The excessive-press filter (domain §2): a press of the same button within {@link #WINDOW} of
 * the previous counted press on this kiosk is suppressed and counted on that kept tap.
 *
 * <p>Design: every press is journaled before it is acknowledged. A counted press is journaled as a
 * tap; a suppressed press as a small {@code SUPPRESSED} record pointing at the kept tap, which the
 * journal folds into that tap's {@code suppressedPresses}. Because ingest counts a tapId once, the
 * kept tap must not leave before its count is final: {@link #sendable} holds the newest tap back
 * while its window is open (at most 2 s, or until another button is counted). Both methods run under
 * this object's lock, so a press is either folded before the tap is read for sending, or arrives
 * after the window closed and is counted as a new tap. After a restart no window is open: the first
 * press is counted (the safe side).
 *
 * <p>The window is anchored at the counted press (not sliding): mashing a button for 10 s yields
 * one tap per 2 s, each with its folded presses. The window is measured on a monotonic clock so a
 * wall-clock step cannot stretch or shrink it. A suppressed press's reason is not kept (only counted).
 */
public final class PressFilter {

    public static final Duration WINDOW = Duration.ofSeconds(2);

    private final KioskJournal journal;
    private final String deviceId;
    private final Clock wallClock;
    private final LongSupplier monotonicNanos;
    private final Supplier<String> tapIds;
    private Counted last;

    public PressFilter(KioskJournal journal, String deviceId, Clock wallClock, LongSupplier monotonicNanos,
                       Supplier<String> tapIds) {
        this.journal = journal;
        this.deviceId = deviceId;
        this.wallClock = wallClock;
        this.monotonicNanos = monotonicNanos;
        this.tapIds = tapIds;
    }

    public PressFilter(KioskJournal journal, String deviceId) {
        this(journal, deviceId, Clock.systemUTC(), System::nanoTime, () -> UUID.randomUUID().toString());
    }

    /** Filters and journals one press; returns once it is durable. */
    public synchronized Press press(int button, String reason) throws IOException {
        if (button < 1 || button > 4) {
            throw new IllegalArgumentException("button must be 1-4, got " + button);
        }
        long now = monotonicNanos.getAsLong();
        if (last != null && last.button() == button && windowOpen(now)
                && journal.appendSuppressed(last.sequence())) {
            return new Press(last.tapId(), false);
        }
        KioskTap tap = new KioskTap(tapIds.get(), deviceId, button, blankToNull(reason), wallClock.instant(), 0);
        long sequence = journal.append(tap);
        last = new Counted(sequence, tap.tapId(), button, now);
        return new Press(tap.tapId(), true);
    }

    /** Unsent taps whose suppressed-press count is final, oldest first. */
    public synchronized List<JournaledTap> sendable(int limit) {
        List<JournaledTap> taps = journal.unsent(limit);
        if (last == null || !windowOpen(monotonicNanos.getAsLong())) {
            return taps;
        }
        // only the newest tap can have an open window
        return taps.stream().filter(t -> t.sequence() < last.sequence()).toList();
    }

    private boolean windowOpen(long nowNanos) {
        return nowNanos - last.atNanos() < WINDOW.toNanos();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The outcome of a press: the tap it counts for, and whether it made a new tap. */
    public record Press(String tapId, boolean counted) {
    }

    private record Counted(long sequence, String tapId, int button, long atNanos) {
    }
}
