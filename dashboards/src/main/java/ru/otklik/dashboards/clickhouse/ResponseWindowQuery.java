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

    /**
     * The same scope's clean rows where they differ from the raw ones ({@code response_window_clean},
     * {@code excluded > 0}: responses under a fraud flag left out), to lay over the raw rows.
     */
    public List<ResponseWindowRow> cleanRows(QueryScope scope, TimeWindow window, QueryScope.Rows... rows) {
        return select(sql("otklik.response_window_clean", "toString(excluded)", scope.condition(rows)
                + " AND excluded > 0", window));
    }

    static String sql(String scopeCondition, TimeWindow window) {
        return sql("otklik.response_window", "'0'", scopeCondition, window);
    }

    /** {@code table} and {@code excluded} are ours, never input; the alias is not "excluded" (ClickHouse aliases shadow columns). */
    private static String sql(String table, String excluded, String scopeCondition, TimeWindow window) {
        return "SELECT scope_level, scope_code, survey_id, toUnixTimestamp(as_of) AS as_of,"
                + " toString(responses) AS responses, toString(suppressed_presses) AS suppressed, "
                + excluded + " AS left_out FROM " + table + " FINAL"
                + " WHERE " + scopeCondition + " AND audience = " + SqlCode.literal(ScopeLevel.ALL_AUDIENCES)
                + " AND " + window.windowCondition();
    }

    private List<ResponseWindowRow> select(String condition, TimeWindow window) {
        return select(sql(condition, window));
    }

    private List<ResponseWindowRow> select(String sql) {
        return reader.select(sql).stream()
                .map(row -> new ResponseWindowRow(row.text("scope_level"), row.text("scope_code"), row.text("survey_id"),
                        Instant.ofEpochSecond(row.longValue("as_of")), row.longValue("responses"),
                        row.longValue("suppressed"), row.longValue("left_out")))
                .toList();
    }
}
