package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.List;
import ru.otklik.common.indicator.ScopeLevel;

/**
 * Reads {@code otklik.response_window}: response counts the streaming job keeps per scope, audience,
 * window and survey beside {@code indicator_window}, at the same {@code as_of}. Counting them from the
 * job (rather than summing {@code response_minute} since {@code now()} per poll) is what keeps a count
 * on the same clock as the indicators next to it. Only the {@code audience = 'all'} rows are read:
 * each audience is also written apart, and adding both would count every response twice.
 */
public final class ResponseWindowQuery {

    private final ClickHouseReader reader;

    public ResponseWindowQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** Per scope and survey, the rows of the scope asked for (see {@link QueryScope.Rows}). */
    public List<ResponseWindowRow> rows(QueryScope scope, TimeWindow window, QueryScope.Rows... rows) {
        return select(scope.condition(rows), window);
    }

    static String sql(String scopeCondition, TimeWindow window) {
        return "SELECT scope_level, scope_code, survey_id, toUnixTimestamp(as_of) AS as_of,"
                + " toString(responses) AS responses, toString(suppressed_presses) AS suppressed"
                + " FROM otklik.response_window FINAL"
                + " WHERE " + scopeCondition + " AND audience = " + SqlCode.literal(ScopeLevel.ALL_AUDIENCES)
                + " AND " + window.windowCondition();
    }

    private List<ResponseWindowRow> select(String condition, TimeWindow window) {
        return reader.select(sql(condition, window)).stream()
                .map(row -> new ResponseWindowRow(row.text("scope_level"), row.text("scope_code"), row.text("survey_id"),
                        Instant.ofEpochSecond(row.longValue("as_of")), row.longValue("responses"),
                        row.longValue("suppressed")))
                .toList();
    }
}
