package ru.otklik.streaming.rolling;

import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.response.SurveyResponse;

/**
 * Where a response counts: its office, its region and the federal total, each for its own
 * audience and for all audiences together. The key is {@code level|code|audience}.
 */
public record IndicatorScope(String level, String code, String audience) {

    public static final String ALL = "all";
    public static final String FEDERAL = "RU";

    public String key() {
        return level + "|" + code + "|" + audience;
    }

    public static IndicatorScope fromKey(String key) {
        String[] f = key.split("\\|", -1);
        return new IndicatorScope(f[0], f[1], f[2]);
    }

    /** The six scopes a response contributes to. */
    public static List<String> keysOf(SurveyResponse r) {
        List<String> keys = new ArrayList<>(6);
        for (String audience : List.of(r.audience().code(), ALL)) {
            keys.add(new IndicatorScope("office", r.officeCode(), audience).key());
            keys.add(new IndicatorScope("region", r.regionCode(), audience).key());
            keys.add(new IndicatorScope("federal", FEDERAL, audience).key());
        }
        return keys;
    }
}
