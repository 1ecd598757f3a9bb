package ru.otklik.streaming.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.infra.local.ClickHouseHttp;

/** Reads the same figures back from ClickHouse: from the minute aggregates and from the raw answers. */
public record ClickHouseFigures(ClickHouseHttp ch) {

    public Map<String, ScoreCounts> aggregatedScores() {
        StringBuilder sums = new StringBuilder();
        for (int s = 0; s <= 10; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS s").append(s);
        }
        List<Map<String, Object>> rows = ch.select("SELECT office_code, question_id" + sums
                + " FROM otklik.answer_minute FINAL GROUP BY office_code, question_id");
        Map<String, ScoreCounts> result = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            long[] counts = new long[11];
            for (int s = 0; s <= 10; s++) {
                counts[s] = Long.parseLong(String.valueOf(row.get("s" + s)));
            }
            result.put(row.get("office_code") + "/" + row.get("question_id"), ScoreCounts.of(counts));
        }
        return result;
    }

    /** Score counts of one rolling window per scope code and item (surveys summed), audience "all". */
    public Map<String, ScoreCounts> windowScores(String level, String window) {
        StringBuilder sums = new StringBuilder();
        for (int s = 0; s <= 10; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS s").append(s);
        }
        List<Map<String, Object>> rows = ch.select("SELECT scope_code, question_id" + sums
                + " FROM otklik.indicator_window FINAL WHERE scope_level = '" + level + "' AND audience = 'all'"
                + " AND window = '" + window + "' GROUP BY scope_code, question_id HAVING sum(n) > 0");
        Map<String, ScoreCounts> result = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            long[] counts = new long[11];
            for (int s = 0; s <= 10; s++) {
                counts[s] = Long.parseLong(String.valueOf(row.get("s" + s)));
            }
            result.put(row.get("scope_code") + "/" + row.get("question_id"), ScoreCounts.of(counts));
        }
        return result;
    }

    public Map<String, ScoreCounts> rawScores() {
        List<Map<String, Object>> rows = ch.select("SELECT office_code, question_id, score, toString(count()) AS n"
                + " FROM otklik.answers FINAL WHERE score IS NOT NULL GROUP BY office_code, question_id, score");
        Map<String, long[]> counts = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            long[] c = counts.computeIfAbsent(row.get("office_code") + "/" + row.get("question_id"), k -> new long[11]);
            c[Integer.parseInt(String.valueOf(row.get("score")))] = Long.parseLong(String.valueOf(row.get("n")));
        }
        Map<String, ScoreCounts> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, ScoreCounts.of(v)));
        return result;
    }

    /**
     * Breakdown rows (channel, touchpoint, employee) of one rolling window, as
     * {@code level|code|audience|survey|question} to {@link ExpectedFigures#figure}.
     */
    public Map<String, String> breakdownWindows(String window) {
        return figures("SELECT scope_level, scope_code, audience, survey_id, question_id, " + figureColumns()
                + " FROM otklik.indicator_window FINAL WHERE scope_level IN ('channel', 'touchpoint', 'employee')"
                + " AND window = '" + window + "' AND n > 0", List.of("scope_level", "scope_code", "audience",
                "survey_id", "question_id"));
    }

    /** Every history row, as {@code level|code|audience|granularity|bucketStartEpochSeconds|survey|question}. */
    public Map<String, String> history() {
        return figures("SELECT scope_level, scope_code, audience, granularity,"
                + " toString(toUInt32(bucket_start)) AS bucket, survey_id, question_id, " + figureColumns()
                + " FROM otklik.indicator_history FINAL", List.of("scope_level", "scope_code", "audience",
                "granularity", "bucket", "survey_id", "question_id"));
    }

    /** The request metadata columns per response, as {@link ExpectedFigures#meta}; NULL reads as "". */
    public Map<String, String> requestMeta() {
        Map<String, String> result = new TreeMap<>();
        for (Map<String, Object> row : ch.select("SELECT response_id, ip_hash, user_agent_hash,"
                + " ifNull(toString(toUInt32(started_ts)), '') AS started, ifNull(toString(fill_ms), '') AS fill"
                + " FROM otklik.responses FINAL")) {
            result.put(String.valueOf(row.get("response_id")), ExpectedFigures.meta(String.valueOf(row.get("ip_hash")),
                    String.valueOf(row.get("user_agent_hash")), String.valueOf(row.get("started")),
                    String.valueOf(row.get("fill"))));
        }
        return result;
    }

    private static String figureColumns() {
        // aliases must not shadow the columns: ClickHouse applies them in WHERE too
        StringBuilder columns = new StringBuilder("toString(n) AS text_n, toString(positive) AS text_positive");
        for (int s = 0; s <= 10; s++) {
            columns.append(", toString(c").append(s).append(") AS text_c").append(s);
        }
        return columns.toString();
    }

    private Map<String, String> figures(String sql, List<String> keyColumns) {
        Map<String, String> result = new TreeMap<>();
        for (Map<String, Object> row : ch.select(sql)) {
            StringBuilder key = new StringBuilder();
            for (String column : keyColumns) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(column));
            }
            long[] counts = new long[11];
            for (int s = 0; s <= 10; s++) {
                counts[s] = Long.parseLong(String.valueOf(row.get("text_c" + s)));
            }
            result.put(key.toString(), ExpectedFigures.figure(Long.parseLong(String.valueOf(row.get("text_n"))),
                    Long.parseLong(String.valueOf(row.get("text_positive"))), counts));
        }
        return result;
    }

    public Map<String, Long> aggregatedResponses() {
        return longsByOffice("SELECT office_code, toString(sum(responses)) AS n FROM otklik.response_minute FINAL"
                + " GROUP BY office_code");
    }

    public Map<String, Long> rawResponses() {
        return longsByOffice("SELECT office_code, toString(count()) AS n FROM otklik.responses FINAL GROUP BY office_code");
    }

    public long totalAggregatedAnswers() {
        return ch.selectLong("SELECT sum(answered) FROM otklik.answer_minute FINAL");
    }

    public long totalRawResponses() {
        return ch.selectLong("SELECT count() FROM otklik.responses FINAL");
    }

    private Map<String, Long> longsByOffice(String sql) {
        Map<String, Long> result = new TreeMap<>();
        for (Map<String, Object> row : ch.select(sql)) {
            result.put(String.valueOf(row.get("office_code")), Long.parseLong(String.valueOf(row.get("n"))));
        }
        return result;
    }

    public void truncateAll() {
        for (ru.otklik.common.store.Table<?> table : ru.otklik.common.store.Tables.ALL) {
            ch.execute("TRUNCATE TABLE " + table.qualifiedName());
        }
    }
}
