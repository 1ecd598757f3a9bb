package ru.otklik.dashboards.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The clean figures from the raw rows and the sparse clean ones: the job writes a clean row
 * ({@code *_clean}) only where a fraud flag excludes answers, so the clean figures are the raw rows with
 * those rows laid over them, key by key. Read the clean rows with {@code excluded > 0}: a clean row with
 * nothing excluded any more says "as raw" and may be older than the raw row.
 */
public final class CleanRows {

    private CleanRows() {
    }

    /** {@code raw} with each row replaced by the clean row of the same key, if there is one. */
    public static <T> List<T> overlay(List<T> raw, List<T> clean, Function<T, String> key) {
        if (clean.isEmpty()) {
            return raw;
        }
        Map<String, T> byKey = new LinkedHashMap<>();
        for (T row : raw) {
            byKey.put(key.apply(row), row);
        }
        for (T row : clean) {
            byKey.put(key.apply(row), row); // a clean row without its raw one: raw was not read yet, clean counts
        }
        return new ArrayList<>(byKey.values());
    }

    public static String keyOf(WindowRow r) {
        return r.scopeLevel() + '|' + r.scopeCode() + '|' + r.audience() + '|' + r.surveyId() + '|' + r.questionId();
    }

    public static String keyOf(ResponseWindowRow r) {
        return r.scopeLevel() + '|' + r.scopeCode() + '|' + r.surveyId();
    }
}
