package ru.otklik.common.indicator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rolling windows of {@code indicator_window} and {@code response_window} ({@code window} column):
 * the streaming job fills them and the dashboards read them, so both take the codes from here.
 *
 * <p>Each window is kept as a ring of panes: an answer is added to one pane per window, and a window's
 * value is the sum of the panes that end after {@code asOf - size}, so its old edge is exact to one
 * pane. Answers newer than {@code asOf} (the watermark trails the newest events) count too: a window
 * has a lower edge only. The quarter is the methodology period: the calendar quarter (UTC), not a
 * sliding window; its one pane is the quarter itself.
 */
public enum RollingWindow {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    DAY("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(1)),
    MONTH("30d", Duration.ofDays(30), Duration.ofHours(6)),
    QUARTER("quarter", null, null);

    private final String code;
    private final long sizeSeconds;
    private final long paneSeconds;

    RollingWindow(String code, Duration size, Duration pane) {
        this.code = code;
        this.sizeSeconds = size == null ? 0 : size.toSeconds();
        this.paneSeconds = pane == null ? 0 : pane.toSeconds();
    }

    public String code() {
        return code;
    }

    /** The sliding window's length (the quarter, a calendar period, has none: {@link #isCalendar}). */
    public Duration size() {
        if (this == QUARTER) {
            throw new IllegalStateException("the quarter is a calendar period, not a sliding window");
        }
        return Duration.ofSeconds(sizeSeconds);
    }

    /** Whether this is the calendar quarter rather than a sliding window. */
    public boolean isCalendar() {
        return this == QUARTER;
    }

    /** Start (epoch seconds) of the pane an event at {@code epochSeconds} belongs to. */
    public long paneOf(long epochSeconds) {
        if (this == QUARTER) {
            return quarterStart(epochSeconds);
        }
        return epochSeconds - Math.floorMod(epochSeconds, paneSeconds);
    }

    /**
     * The first {@code asOf} (epoch seconds) at which the pane starting at {@code paneStart} no longer
     * counts: the moment it leaves the window.
     */
    public long leavesAt(long paneStart) {
        if (this == QUARTER) {
            return nextQuarterStart(paneStart);
        }
        return paneStart + paneSeconds + sizeSeconds;
    }

    /** Whether the pane starting at {@code paneStart} counts in this window as of {@code asOfSeconds}. */
    public boolean covers(long paneStart, long asOfSeconds) {
        return asOfSeconds < leavesAt(paneStart);
    }

    public static RollingWindow fromCode(String code) {
        for (RollingWindow w : values()) {
            if (w.code.equals(code)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown window " + code);
    }

    /** Start of the UTC calendar quarter holding {@code epochSeconds}. */
    public static long quarterStart(long epochSeconds) {
        LocalDate day = Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        return start.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    static long nextQuarterStart(long quarterStart) {
        LocalDate start = Instant.ofEpochSecond(quarterStart).atOffset(ZoneOffset.UTC).toLocalDate();
        return start.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
