package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import ru.otklik.common.response.ClientTimes;
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
 *
 * <p>Follow-up reason: the UI asks "what was the main reason?" after the press was acknowledged.
 * So that a tap leaves once, with its reason, a tap without a reason is held back until
 * {@link #reason} merged one or its reason window (the UI idle timeout plus a little) passed. The
 * window is measured on the monotonic clock for presses of this process; for taps replayed from the
 * journal after a restart it is what remains of the window by the tap's wall-clock time (clamped), so
 * a reason journaled before a crash is still merged and a tap is never held longer than the window.
 * A reason arriving after the window is refused: the tap may already be on its way without it.
 *
 * <p>Comment: after an unhappy button the UI offers a text field. Writing takes longer than the reason
 * window, so the UI says when the visitor starts ({@link #writing}): the tap is then held for
 * {@link #COMMENT_WINDOW} from that moment, and the follow-up ({@link #followUp}: a reason, a comment or
 * both) leaves with it. Later taps of the kiosk wait behind a held one (the forwarder acknowledges a prefix),
 * at most that long.
 */
public final class PressFilter {

    public static final Duration WINDOW = Duration.ofSeconds(2);
    /** How long a tap waits for its comment once the visitor started writing: a few sentences on a touch keyboard. */
    public static final Duration COMMENT_WINDOW = Duration.ofMinutes(3);

    private final KioskJournal journal;
    private final String deviceId;
    private final Clock wallClock;
    private final LongSupplier monotonicNanos;
    private final Supplier<String> tapIds;
    private final Duration reasonWindow;
    /** journal sequence -> monotonic deadline of its reason window */
    private final Map<Long, Long> reasonDeadlines = new HashMap<>();
    private Counted last;
    private long suppressedSinceStart;
    private boolean clockWarned;

    public PressFilter(KioskJournal journal, String deviceId, Clock wallClock, LongSupplier monotonicNanos,
                       Supplier<String> tapIds, Duration reasonWindow) {
        if (reasonWindow.isNegative()) {
            throw new IllegalArgumentException("reasonWindow must be >= 0");
        }
        this.journal = journal;
        this.deviceId = deviceId;
        this.wallClock = wallClock;
        this.monotonicNanos = monotonicNanos;
        this.tapIds = tapIds;
        this.reasonWindow = reasonWindow;
    }

    /** Without a reason window: taps never wait for a follow-up reason. */
    public PressFilter(KioskJournal journal, String deviceId, Clock wallClock, LongSupplier monotonicNanos,
                       Supplier<String> tapIds) {
        this(journal, deviceId, wallClock, monotonicNanos, tapIds, Duration.ZERO);
    }

    public PressFilter(KioskJournal journal, String deviceId, Duration reasonWindow) {
        this(journal, deviceId, Clock.systemUTC(), System::nanoTime, () -> UUID.randomUUID().toString(), reasonWindow);
    }

    public PressFilter(KioskJournal journal, String deviceId) {
        this(journal, deviceId, Duration.ZERO);
    }

    /** Filters and journals one press; returns once it is durable. */
    public synchronized Press press(int button, String reason) throws IOException {
        if (button < 1 || button > 4) {
            throw new IllegalArgumentException("button must be 1-4, got " + button);
        }
        long now = monotonicNanos.getAsLong();
        if (last != null && last.button() == button && windowOpen(now)
                && journal.appendSuppressed(last.sequence())) {
            suppressedSinceStart++;
            return new Press(last.tapId(), false);
        }
        Instant at = wallClock.instant();
        if (!clockWarned && ClientTimes.violation(at, at) != null) { // before 2020: a reset clock (no NTP, flat battery)
            clockWarned = true;
            LogLine.warn("kiosk_clock_implausible", "now", at, "effect", "ingest refuses these taps as too-old; set the clock");
        }
        KioskTap tap = new KioskTap(tapIds.get(), deviceId, button, blankToNull(reason), at, 0);
        long sequence = journal.append(tap);
        last = new Counted(sequence, tap.tapId(), button, now);
        reasonDeadlines.put(sequence, now + reasonWindow.toNanos());
        return new Press(tap.tapId(), true);
    }

    /** Merges the visitor's follow-up reason into the unsent tap {@code tapId}; durable once it returns MERGED. */
    public synchronized ReasonResult reason(String tapId, String reason) throws IOException {
        return followUp(tapId, reason, null);
    }

    /**
     * Merges the visitor's follow-up — a reason, a comment, or both — into the unsent tap {@code tapId}; durable
     * once it returns MERGED.
     */
    public synchronized ReasonResult followUp(String tapId, String reason, String comment) throws IOException {
        Optional<JournaledTap> found = open(tapId);
        if (found.isEmpty()) {
            return refusal(tapId);
        }
        return journal.appendFollowUp(found.get().sequence(), blankToNull(reason), blankToNull(comment))
                ? ReasonResult.MERGED : ReasonResult.UNKNOWN_OR_SENT;
    }

    /** The visitor started writing a comment on {@code tapId}: hold the tap {@link #COMMENT_WINDOW} from now. */
    public synchronized ReasonResult writing(String tapId) {
        Optional<JournaledTap> found = open(tapId);
        if (found.isEmpty()) {
            return refusal(tapId);
        }
        long sequence = found.get().sequence();
        long until = monotonicNanos.getAsLong() + COMMENT_WINDOW.toNanos();
        reasonDeadlines.merge(sequence, until, (was, now) -> now - was > 0 ? now : was);
        return ReasonResult.HELD;
    }

    /** The unsent tap {@code tapId} while its follow-up can still be merged. */
    private Optional<JournaledTap> open(String tapId) {
        Optional<JournaledTap> found = journal.findUnsent(tapId);
        // the same lock guards sendable(): a tap handed out for sending had its window closed already
        return found.filter(t -> !KioskJournal.hasFollowUp(t.tap()) && reasonWindowOpen(t, monotonicNanos.getAsLong()));
    }

    private ReasonResult refusal(String tapId) {
        Optional<JournaledTap> found = journal.findUnsent(tapId);
        if (found.isEmpty()) {
            return ReasonResult.UNKNOWN_OR_SENT;
        }
        return KioskJournal.hasFollowUp(found.get().tap()) ? ReasonResult.ALREADY_HAS_REASON : ReasonResult.WINDOW_CLOSED;
    }

    /** Unsent taps whose suppressed-press count and reason are final, oldest first. */
    public synchronized List<JournaledTap> sendable(int limit) {
        List<JournaledTap> taps = journal.unsent(limit);
        long now = monotonicNanos.getAsLong();
        long acked = journal.ackedUpTo();
        reasonDeadlines.keySet().removeIf(sequence -> sequence <= acked);
        // a prefix only: the forwarder acknowledges "everything up to" the last tap it sent
        List<JournaledTap> out = new ArrayList<>(taps.size());
        for (JournaledTap t : taps) {
            boolean pressWindow = last != null && t.sequence() == last.sequence() && windowOpen(now);
            boolean waitingForReason = !KioskJournal.hasFollowUp(t.tap()) && reasonWindowOpen(t, now);
            if (pressWindow || waitingForReason) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    /** Presses folded into a previous tap since this process started (for the status page). */
    public synchronized long suppressedSinceStart() {
        return suppressedSinceStart;
    }

    private boolean reasonWindowOpen(JournaledTap t, long nowNanos) {
        Long deadline = reasonDeadlines.get(t.sequence());
        if (deadline == null) {
            // replayed after a restart: what remains of the window by the tap's own wall-clock time. A time
            // outside the plausible range (a journal written under a broken clock) has no window left; it
            // must not reach the nanosecond arithmetic, which overflows and would stop every send after it
            Instant now = wallClock.instant();
            long remaining = 0;
            if (ClientTimes.violation(t.tap().clientTs(), now) == null) {
                long elapsed = Duration.between(t.tap().clientTs(), now).toNanos();
                remaining = Math.max(0, Math.min(reasonWindow.toNanos(), reasonWindow.toNanos() - elapsed));
            }
            deadline = nowNanos + remaining;
            reasonDeadlines.put(t.sequence(), deadline);
        }
        return nowNanos - deadline < 0;
    }

    private boolean windowOpen(long nowNanos) {
        return nowNanos - last.atNanos() < WINDOW.toNanos();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** What became of a follow-up reason. */
    public enum ReasonResult {
        MERGED,
        /** no unsent tap with that id: unknown, or already sent */
        UNKNOWN_OR_SENT,
        /** the tap already carries a reason; the first one stands */
        ALREADY_HAS_REASON,
        /** the reason window passed: the tap may be on its way without it */
        WINDOW_CLOSED,
        /** the visitor is writing: the tap waits for the comment ({@link #COMMENT_WINDOW}) */
        HELD
    }

    /** The outcome of a press: the tap it counts for, and whether it made a new tap. */
    public record Press(String tapId, boolean counted) {
    }

    private record Counted(long sequence, String tapId, int button, long atNanos) {
    }
}
