package ru.otklik.streaming.rolling;

import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.response.SurveyResponse;

/**
 * Where a response counts, each scope for the response's own audience and for all audiences
 * together ({@code "all"}). This is the one place that decides it; the dashboards read the same
 * convention from {@code indicator_window} and {@code indicator_history}:
 *
 * <ul>
 *   <li>{@code office} / office code ({@code BRY-01}), {@code region} / region code ({@code BRY}),
 *       {@code federal} / {@code RU} — the geographic scopes;</li>
 *   <li>breakdowns within an office, code {@code officeCode + "/" + x}: {@code channel}
 *       ({@code BRY-01/kiosk}, {@code BRY-01/link}), {@code touchpoint} ({@code BRY-01/hall}, only
 *       when the response names a touchpoint) and {@code employee} ({@code BRY-01/emp-17}, only when
 *       it names an employee).</li>
 * </ul>
 *
 * The rolling windows count every scope; the hourly/daily history only the geographic ones
 * (breakdowns times hours would multiply its rows without a reader for them). The state key is
 * {@code level|code|audience}.
 */
public record IndicatorScope(String level, String code, String audience) {

    public static final String ALL = "all";
    public static final String FEDERAL = "RU";
    public static final String OFFICE = "office";
    public static final String REGION = "region";
    public static final String FEDERAL_LEVEL = "federal";
    public static final String CHANNEL = "channel";
    public static final String TOUCHPOINT = "touchpoint";
    public static final String EMPLOYEE = "employee";

    /** Which aggregate the scopes are for. */
    public enum Use { ROLLING_WINDOWS, HISTORY }

    /** A channel, touchpoint or employee of one office rather than a place. */
    public boolean isBreakdown() {
        return CHANNEL.equals(level) || TOUCHPOINT.equals(level) || EMPLOYEE.equals(level);
    }

    public String key() {
        return level + "|" + code + "|" + audience;
    }

    public static IndicatorScope fromKey(String key) {
        String[] f = key.split("\\|", -1);
        return new IndicatorScope(f[0], f[1], f[2]);
    }

    /** The scope code of a breakdown within an office: {@code officeCode/part}. */
    public static String breakdownCode(String officeCode, String part) {
        return officeCode + "/" + part;
    }

    /** The scopes a response contributes to in the rolling windows (geographic and breakdowns). */
    public static List<String> keysOf(SurveyResponse r) {
        return keysOf(r, Use.ROLLING_WINDOWS);
    }

    public static List<String> keysOf(SurveyResponse r, Use use) {
        List<String> keys = new ArrayList<>(12);
        for (IndicatorScope scope : scopesOf(r, use)) {
            keys.add(scope.key());
        }
        return keys;
    }

    public static List<IndicatorScope> scopesOf(SurveyResponse r, Use use) {
        List<IndicatorScope> scopes = new ArrayList<>(12);
        for (String audience : List.of(r.audience().code(), ALL)) {
            scopes.add(new IndicatorScope(OFFICE, r.officeCode(), audience));
            scopes.add(new IndicatorScope(REGION, r.regionCode(), audience));
            scopes.add(new IndicatorScope(FEDERAL_LEVEL, FEDERAL, audience));
            if (use == Use.HISTORY) {
                continue;
            }
            scopes.add(new IndicatorScope(CHANNEL, breakdownCode(r.officeCode(), r.channel().code()), audience));
            if (present(r.touchpointId())) {
                scopes.add(new IndicatorScope(TOUCHPOINT, breakdownCode(r.officeCode(), r.touchpointId()), audience));
            }
            if (present(r.employeeId())) {
                scopes.add(new IndicatorScope(EMPLOYEE, breakdownCode(r.officeCode(), r.employeeId()), audience));
            }
        }
        return scopes;
    }

    private static boolean present(String id) {
        return id != null && !id.isBlank();
    }
}
