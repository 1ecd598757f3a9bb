package ru.otklik.common.response;

import java.time.Duration;
import java.time.Instant;

/**
 * The plausible range of a client's clock, the one rule for every place a client time is parsed
 * (ingest's validators, the kiosk agent, the streaming job's second check). A time outside it is
 * a broken clock or a forgery, not a response: it is refused with a named rule rather than
 * counted, and it can never overflow the epoch arithmetic downstream (Flink timestamps are epoch
 * milliseconds in a {@code long}).
 *
 * <ul>
 *   <li>{@code future}: more than {@link #MAX_AHEAD} after the reference time (clocks drift a little);</li>
 *   <li>{@code too-old}: more than {@link #MAX_AGE} before it (a kiosk offline for weeks is broken;
 *       the streaming job folds nothing older than its 7-day late horizon anyway and keeps such
 *       responses in {@code late_events}), or before {@link #EARLIEST}.</li>
 * </ul>
 */
public final class ClientTimes {

    /** Client clocks drift; further ahead than this is a broken clock. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(10);
    /** Older than this is not a late response but a broken or forged one (matches the dedup retention). */
    public static final Duration MAX_AGE = Duration.ofDays(35);
    /** Nothing of Otklik's predates this; also bounds times checked against a far-past reference. */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** A reference time (a server clock, ingest's receive time) beyond this is itself broken. */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private ClientTimes() {
    }

    /**
     * The rule {@code clientTime} breaks against {@code reference} (the server's clock at ingest, the
     * response's receive time in the job), or {@code null} when it is plausible.
     */
    public static String violation(Instant clientTime, Instant reference) {
        if (clientTime == null) {
            return "required";
        }
        if (clientTime.isBefore(EARLIEST) || clientTime.isBefore(reference.minus(MAX_AGE))) {
            return "too-old";
        }
        if (clientTime.isAfter(reference.plus(MAX_AHEAD))) {
            return "future";
        }
        return null;
    }

    /** The message that goes with {@link #violation}'s rule. */
    public static String message(String rule) {
        return switch (rule) {
            case "too-old" -> "lies more than " + MAX_AGE.toDays() + " days in the past (or before "
                    + EARLIEST + "): not a plausible client clock";
            case "future" -> "lies more than " + MAX_AHEAD.toMinutes() + " minutes in the future";
            default -> "field is required";
        };
    }
}
