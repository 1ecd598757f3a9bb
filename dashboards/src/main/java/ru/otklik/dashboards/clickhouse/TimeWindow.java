package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * The periods a dashboard can show. Each code is a {@code window} value of {@code otklik.indicator_window},
 * where the streaming job keeps the figures current; the quarter is the methodology period (calendar
 * quarter, UTC, as the job defines it). The old request-time "all" window is gone: summing every minute
 * bucket since the start on each poll does not scale, and the methodology reports per quarter, so
 * {@code all} is accepted as an alias of {@code quarter} (answers name the window they really show).
 */
public enum TimeWindow {
    HOUR("1h", "INTERVAL 1 HOUR"),
    DAY("24h", "INTERVAL 24 HOUR"),
    WEEK("7d", "INTERVAL 7 DAY"),
    MONTH("30d", "INTERVAL 30 DAY"),
    QUARTER("quarter", null);

    public static final TimeWindow DEFAULT = MONTH;

    /** Codes accepted for backward compatibility, mapped to the window now shown instead. */
    private static final String LEGACY_ALL = "all";

    private final String code;
    private final String interval;

    TimeWindow(String code, String interval) {
        this.code = code;
        this.interval = interval;
    }

    public String code() {
        return code;
    }

    /**
     * SQL condition on {@code bucket_start} of the minute tables (response counts, which the window
     * table does not hold); built from the enum constant and the clock, never from input.
     */
    public String condition(Instant now) {
        if (interval != null) {
            return "bucket_start >= now() - " + interval;
        }
        return "bucket_start >= toDateTime(" + quarterStart(now).getEpochSecond() + ")";
    }

    /** SQL condition on {@code window} of {@code otklik.indicator_window} (quoted: WINDOW is a keyword on newer servers). */
    public String windowCondition() {
        return "`window` = " + SqlCode.literal(code);
    }

    /** Start of the calendar quarter (UTC) holding {@code now}: the same boundary the streaming job uses. */
    public static Instant quarterStart(Instant now) {
        LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Empty when the value is not one of the known codes; a missing value means the default. */
    public static Optional<TimeWindow> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        if (LEGACY_ALL.equals(value)) {
            return Optional.of(QUARTER);
        }
        return Arrays.stream(values()).filter(w -> w.code.equals(value)).findFirst();
    }
}
