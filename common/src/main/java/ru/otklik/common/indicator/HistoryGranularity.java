package ru.otklik.common.indicator;

import java.time.Duration;

/**
 * The history buckets: UTC hours and UTC days ({@code granularity} in {@code indicator_history}).
 * The streaming job fills them and the dashboards read them, so both take the codes from here.
 */
public enum HistoryGranularity {
    HOUR("hour", 3_600),
    DAY("day", 86_400);

    private final String code;
    private final long seconds;

    HistoryGranularity(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    public String code() {
        return code;
    }

    public long seconds() {
        return seconds;
    }

    public Duration bucket() {
        return Duration.ofSeconds(seconds);
    }

    /** Start (epoch seconds, UTC) of the bucket holding {@code epochSeconds}; UTC has no DST, so plain division. */
    public long bucketOf(long epochSeconds) {
        return epochSeconds - Math.floorMod(epochSeconds, seconds);
    }

    public static HistoryGranularity fromCode(String code) {
        for (HistoryGranularity g : values()) {
            if (g.code.equals(code)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity " + code);
    }
}
