package ru.otklik.streaming.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.store.Tables;

/** The figures {@link ClickHouseFigures} reads from ClickHouse, read from encoded rows instead (no server). */
public record RowFigures(EmittedRows rows) {

    private static long[] counts(Map<String, Object> row) {
        long[] c = new long[11];
        for (int s = 0; s <= 10; s++) {
            c[s] = (Long) row.get("c" + s);
        }
        return c;
    }

    public Map<String, ScoreCounts> aggregatedScores() {
        Map<String, ScoreCounts> result = new TreeMap<>();
        rows.latest(Tables.ANSWER_MINUTE).values().forEach(r -> {
            if ((Long) r.get("answered") > 0) {
                result.merge(r.get("office_code") + "/" + r.get("question_id"), ScoreCounts.of(counts(r)),
                        ScoreCounts::plus);
            }
        });
        return result;
    }

    public Map<String, ScoreCounts> windowScores(String level, String window) {
        Map<String, ScoreCounts> result = new TreeMap<>();
        rows.latest(Tables.INDICATOR_WINDOW).values().forEach(r -> {
            if (r.get("scope_level").equals(level) && r.get("audience").equals("all") && r.get("window").equals(window)
                    && (Long) r.get("n") > 0) {
                result.merge(r.get("scope_code") + "/" + r.get("question_id"), ScoreCounts.of(counts(r)),
                        ScoreCounts::plus);
            }
        });
        return result;
    }

    public Map<String, String> breakdownWindows(String window) {
        Map<String, String> result = new TreeMap<>();
        rows.latest(Tables.INDICATOR_WINDOW).values().forEach(r -> {
            if (List.of("channel", "touchpoint", "employee").contains(r.get("scope_level"))
                    && r.get("window").equals(window) && (Long) r.get("n") > 0) {
                result.put(String.join("|", (String) r.get("scope_level"), (String) r.get("scope_code"),
                        (String) r.get("audience"), (String) r.get("survey_id"), (String) r.get("question_id")),
                        ExpectedFigures.figure((Long) r.get("n"), (Long) r.get("positive"), counts(r)));
            }
        });
        return result;
    }

    public Map<String, String> history() {
        Map<String, String> result = new TreeMap<>();
        rows.latest(Tables.INDICATOR_HISTORY).values().forEach(r -> result.put(String.join("|",
                (String) r.get("scope_level"), (String) r.get("scope_code"), (String) r.get("audience"),
                (String) r.get("granularity"), String.valueOf(r.get("bucket_start")), (String) r.get("survey_id"),
                (String) r.get("question_id")), ExpectedFigures.figure((Long) r.get("n"), (Long) r.get("positive"),
                counts(r))));
        return result;
    }

    public Map<String, Long> aggregatedResponses() {
        Map<String, Long> result = new TreeMap<>();
        rows.latest(Tables.RESPONSE_MINUTE).values().forEach(r -> {
            if ((Long) r.get("responses") > 0) {
                result.merge((String) r.get("office_code"), (Long) r.get("responses"), Long::sum);
            }
        });
        return result;
    }

    public Map<String, Long> rawResponses() {
        Map<String, Long> result = new TreeMap<>();
        rows.latest(Tables.RESPONSES).values().forEach(r -> result.merge((String) r.get("office_code"), 1L, Long::sum));
        return result;
    }
}
