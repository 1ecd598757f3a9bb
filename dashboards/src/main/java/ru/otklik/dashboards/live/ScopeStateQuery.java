package ru.otklik.dashboards.live;

import java.util.List;
import java.util.stream.Collectors;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * The cheap question a watcher asks every tick: one query over the tables the scope's page reads (the
 * window and response rows, raw and clean, the watermark, the alerts), with no FINAL and no figures, just
 * {@code count()} and {@code max()} over the tables' primary-key prefix ({@code scope_level, scope_code}).
 * The rows are those of the page: an office its own; a region its own and its offices' (its ranking); the
 * federal page its own, its regions' and its offices' (the count of offices with responses). SQL from
 * {@link QueryScope} (codes from the {@link OfficeDirectory} only) and {@link SqlCode}, as every other query.
 */
public final class ScopeStateQuery implements ScopeStates {

    private static final List<String> SCOPED_TABLES = List.of("otklik.indicator_window", "otklik.response_window",
            "otklik.indicator_window_clean", "otklik.response_window_clean", "otklik.scope_watermark");

    private final ClickHouseReader reader;
    private final OfficeDirectory directory;

    public ScopeStateQuery(ClickHouseReader reader, OfficeDirectory directory) {
        this.reader = reader;
        this.directory = directory;
    }

    static String sql(QueryScope place, String alertCondition) {
        QueryScope.Rows[] rows = switch (place.level()) {
            case OFFICE -> new QueryScope.Rows[] {QueryScope.Rows.PLACE};
            case REGION -> new QueryScope.Rows[] {QueryScope.Rows.PLACE, QueryScope.Rows.OFFICES};
            default -> new QueryScope.Rows[] {QueryScope.Rows.PLACE, QueryScope.Rows.REGIONS, QueryScope.Rows.OFFICES};
        };
        String condition = place.condition(rows);
        // every branch the same names and types (UNION ALL takes them from the first on old servers)
        String parts = SCOPED_TABLES.stream().map(t -> branch(t, "as_of", condition)).collect(Collectors.joining(" UNION ALL "))
                + " UNION ALL " + branch("otklik.alerts", "updated_ts", alertCondition);
        return "SELECT toUInt64(sum(c)) AS row_count, toUInt64(max(v)) AS top_version, toUInt64(max(a)) AS top_as_of,"
                + " toUInt64(sum(s)) AS version_sum FROM (" + parts + ")";
    }

    private static String branch(String table, String timeColumn, String condition) {
        return "SELECT toUInt64(count()) AS c, toUInt64(max(version)) AS v, toUInt64(max(toUnixTimestamp(" + timeColumn
                + "))) AS a, toUInt64(sum(version)) AS s FROM " + table + " WHERE " + condition;
    }

    @Override
    public ScopeState read(LiveScope scope) {
        QueryScope place;
        String alerts;
        switch (scope.level()) {
            case OFFICE -> {
                place = QueryScope.office(directory, scope.code());
                alerts = "office_code = " + SqlCode.literal(scope.code());
            }
            case REGION -> {
                place = QueryScope.region(directory, scope.code());
                alerts = "region_code = " + SqlCode.literal(scope.code());
            }
            default -> {
                place = QueryScope.federal(directory);
                alerts = "1";
            }
        }
        List<ResultRow> rows = reader.select(sql(place, alerts));
        if (rows.isEmpty()) { // an aggregate without GROUP BY answers one row; be safe anyway
            return new ScopeState(0, 0, 0);
        }
        ResultRow r = rows.get(0);
        return new ScopeState(r.longValue("row_count"), r.longValue("top_version"), r.longValue("top_as_of"),
                r.longValue("version_sum"));
    }

}
