package ru.otklik.dashboards.clickhouse;

import java.util.Arrays;
import java.util.Optional;

/** The periods a dashboard can show, relative to the server's now() on {@code bucket_start}. */
public enum TimeWindow {
    HOUR("1h", "INTERVAL 1 HOUR"),
    DAY("24h", "INTERVAL 24 HOUR"),
    WEEK("7d", "INTERVAL 7 DAY"),
    MONTH("30d", "INTERVAL 30 DAY"),
    ALL("all", null);

    public static final TimeWindow DEFAULT = MONTH;

    private final String code;
    private final String interval;

    TimeWindow(String code, String interval) {
        this.code = code;
        this.interval = interval;
    }

    public String code() {
        return code;
    }

    /** SQL condition on {@code bucket_start}; built from the enum constant, never from input. */
    public String condition() {
        return interval == null ? "1" : "bucket_start >= now() - " + interval;
    }

    /** Empty when the value is not one of the known codes; a missing value means the default. */
    public static Optional<TimeWindow> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        return Arrays.stream(values()).filter(w -> w.code.equals(value)).findFirst();
    }
}
