package ru.otklik.dashboards.clickhouse;

import java.util.Arrays;
import java.util.Optional;
import ru.otklik.common.indicator.RollingWindow;

/**
 * The periods a dashboard can show: the streaming job's rolling windows ({@link RollingWindow}, the
 * {@code window} column of {@code indicator_window} and {@code response_window}), in the order of the
 * page's buttons, plus what the dashboards alone decide: the default and the legacy alias. The old
 * request-time "all" window is gone (summing every minute bucket since the start on each poll does
 * not scale, and the methodology reports per quarter), so {@code all} is accepted as an alias of
 * {@code quarter} and answers name the window they really show.
 */
public enum TimeWindow {
    HOUR(RollingWindow.HOUR),
    DAY(RollingWindow.DAY),
    WEEK(RollingWindow.WEEK),
    MONTH(RollingWindow.MONTH),
    QUARTER(RollingWindow.QUARTER);

    public static final TimeWindow DEFAULT = MONTH;

    /** Codes accepted for backward compatibility, mapped to the window now shown instead. */
    private static final String LEGACY_ALL = "all";

    private final RollingWindow stored;

    TimeWindow(RollingWindow stored) {
        this.stored = stored;
    }

    public String code() {
        return stored.code();
    }

    /** SQL condition on {@code window} (quoted: WINDOW is a keyword on newer servers); the code comes from the enum. */
    public String windowCondition() {
        return "`window` = " + SqlCode.literal(code());
    }

    /** Empty when the value is not one of the known codes; a missing value means the default. */
    public static Optional<TimeWindow> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        if (LEGACY_ALL.equals(value)) {
            return Optional.of(QUARTER);
        }
        return Arrays.stream(values()).filter(w -> w.code().equals(value)).findFirst();
    }
}
