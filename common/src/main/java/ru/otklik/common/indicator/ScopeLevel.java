package ru.otklik.common.indicator;

/**
 * What a row of {@code indicator_window}, {@code response_window}, {@code indicator_history} and
 * {@code scope_watermark} is about ({@code scope_level}), and how its {@code scope_code} is spelled:
 *
 * <ul>
 *   <li>{@link #OFFICE} {@code BRY-01}, {@link #REGION} {@code BRY}, {@link #FEDERAL} {@code RU} — places;</li>
 *   <li>breakdowns within one office, code {@code officeCode + "/" + part}: {@link #CHANNEL}
 *       ({@code BRY-01/kiosk}), {@link #TOUCHPOINT} ({@code BRY-01/hall}), {@link #EMPLOYEE}
 *       ({@code BRY-01/e-17}), present only for responses that name one.</li>
 * </ul>
 *
 * The streaming job writes them and the dashboards read them, so both take the codes from here.
 */
public enum ScopeLevel {
    OFFICE("office"),
    REGION("region"),
    FEDERAL("federal"),
    CHANNEL("channel"),
    TOUCHPOINT("touchpoint"),
    EMPLOYEE("employee");

    /** The scope code of the federal total. */
    public static final String FEDERAL_CODE = "RU";
    /** The audience code of the rows that count every audience together. */
    public static final String ALL_AUDIENCES = "all";

    private final String code;

    ScopeLevel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A channel, touchpoint or employee of one office rather than a place. */
    public boolean isBreakdown() {
        return this == CHANNEL || this == TOUCHPOINT || this == EMPLOYEE;
    }

    /** The scope code of a breakdown within an office: {@code officeCode/part}. */
    public static String breakdownCode(String officeCode, String part) {
        return officeCode + "/" + part;
    }

    public static ScopeLevel fromCode(String code) {
        for (ScopeLevel level : values()) {
            if (level.code.equals(code)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown scope level " + code);
    }
}
