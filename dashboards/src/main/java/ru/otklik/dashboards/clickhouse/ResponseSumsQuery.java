package ru.otklik.dashboards.clickhouse;

import java.util.List;

/**
 * Sums {@code otklik.response_minute} over a window (the window table has no response counts). The inner
 * query reads FINAL rows (an older version of a bucket would otherwise count too), the outer one sums.
 */
public final class ResponseSumsQuery {

    private final ClickHouseReader reader;

    public ResponseSumsQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    public static String sql(QueryScope scope, TimeWindow window, java.time.Instant now) {
        return "SELECT region_code, office_code, survey_id,"
                + " toString(sum(responses)) AS responses, toString(sum(suppressed_presses)) AS suppressed"
                + " FROM (SELECT region_code, office_code, survey_id, responses, suppressed_presses"
                + " FROM otklik.response_minute FINAL"
                + " WHERE " + scope.condition() + " AND " + window.condition(now) + ")"
                + " GROUP BY region_code, office_code, survey_id";
    }

    public List<ResponseRow> run(QueryScope scope, TimeWindow window, java.time.Instant now) {
        return reader.select(sql(scope, window, now)).stream()
                .map(row -> new ResponseRow(row.text("region_code"), row.text("office_code"), row.text("survey_id"),
                        row.longValue("responses"), row.longValue("suppressed")))
                .toList();
    }
}
