package ru.otklik.streaming.rolling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rolling windows the dashboards show, each kept as a ring of panes: an event is added to
 * one pane per window, and a window's value is the sum of the panes that end after
 * {@code asOf - size}. A window is therefore exact to one pane at its old edge, which bounds
 * state (at most {@code size / pane + 1} panes) and work per emission. The quarter is the
 * methodology period: a calendar quarter (UTC), not a sliding window.
 */
public enum RollingWindow {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    DAY("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(1)),
    MONTH("30d", Duration.ofDays(30), Duration.ofHours(6)),
    QUARTER("quarter", null, null);

    private final String code;
    private final Duration size;
    private final Duration pane;

    RollingWindow(String code, Duration size, Duration pane) {
        this.code = code;
        this.size = size;
        this.pane = pane;
    }

    public String code() {
        return code;
    }

    /** Start (epoch seconds) of the pane an event at {@code epochSeconds} belongs to. */
    public long paneOf(long epochSeconds) {
        if (this == QUARTER) {
            return quarterStart(epochSeconds);
        }
        long p = pane.toSeconds();
        return epochSeconds - Math.floorMod(epochSeconds, p);
    }

    /**
     * Whether the pane starting at {@code paneStart} counts in this window as of {@code asOf}.
     * Answers newer than the watermark (it trails the newest events) count too: the window has a
     * lower edge only.
     */
    public boolean covers(long paneStart, long asOfSeconds) {
        if (this == QUARTER) {
            return paneStart >= quarterStart(asOfSeconds);
        }
        return paneStart + pane.toSeconds() > asOfSeconds - size.toSeconds();
    }

    /** Whether no later {@code asOf} can count this pane any more, so it may leave state. */
    public boolean expired(long paneStart, long asOfSeconds) {
        if (this == QUARTER) {
            return paneStart < quarterStart(asOfSeconds);
        }
        return paneStart + pane.toSeconds() <= asOfSeconds - size.toSeconds();
    }

    static long quarterStart(long epochSeconds) {
        LocalDate day = Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        return start.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
