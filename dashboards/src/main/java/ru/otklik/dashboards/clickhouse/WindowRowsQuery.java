package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.Office;

/**
 * Reads the rolling values the streaming job keeps in {@code otklik.indicator_window} (FINAL: one row
 * per key, the newest version). Only the score counts are used: the dashboards apply the methodology
 * formulas from common themselves, so sums over surveys and the configured minimum sample stay exact.
 */
public final class WindowRowsQuery {

    /** Breakdown levels the job writes under an office, scope_code = office + '/' + part. */
    public static final List<ScopeLevel> BREAKDOWN_LEVELS = Arrays.stream(ScopeLevel.values())
            .filter(ScopeLevel::isBreakdown).toList();

    private final ClickHouseReader reader;

    public WindowRowsQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    /**
     * The rows of the scope asked for, all audiences: the place's own ({@code PLACE}: an office's, a region's
     * or the federal total's figures), its offices' (rankings), its regions' (the federal list); tell them
     * apart by {@link WindowRow#scopeLevel()}.
     */
    public List<WindowRow> rows(QueryScope scope, TimeWindow window, Collection<String> surveyIds, QueryScope.Rows... rows) {
        return select(scope.condition(rows), window, surveyIds);
    }

    /**
     * The same scope's clean rows where they differ from the raw ones ({@code indicator_window_clean},
     * {@code excluded > 0}): lay them over the raw rows with {@link CleanRows#overlay}.
     */
    public List<WindowRow> cleanRows(QueryScope scope, TimeWindow window, Collection<String> surveyIds,
                                     QueryScope.Rows... rows) {
        return reader.select(sql("otklik.indicator_window_clean", scope.condition(rows) + " AND excluded > 0", window,
                surveyIds)).stream().map(WindowRowsQuery::row).toList();
    }

    /** Channel, touchpoint and employee rows under one office (the office must come from the directory). */
    public List<WindowRow> breakdowns(Office office, TimeWindow window, Collection<String> surveyIds) {
        String levels = BREAKDOWN_LEVELS.stream().map(l -> SqlCode.literal(l.code())).collect(Collectors.joining(", "));
        // '/' and '%' are ours; the office code is checked by SqlCode (no '_' or '%' can come from it)
        String quoted = SqlCode.literal(office.code());
        String condition = "scope_level IN (" + levels + ") AND scope_code LIKE "
                + quoted.substring(0, quoted.length() - 1) + "/%'";
        return select(condition, window, surveyIds);
    }

    private List<WindowRow> select(String condition, TimeWindow window, Collection<String> surveyIds) {
        return reader.select(sql(condition, window, surveyIds)).stream().map(WindowRowsQuery::row).toList();
    }

    static String sql(String scopeCondition, TimeWindow window, Collection<String> surveyIds) {
        return sql("otklik.indicator_window", scopeCondition, window, surveyIds);
    }

    /** {@code table} is one of the two window tables, never input. */
    private static String sql(String table, String scopeCondition, TimeWindow window, Collection<String> surveyIds) {
        String surveys = surveyIds.stream().map(SqlCode::literal).collect(Collectors.joining(", "));
        return "SELECT scope_level, scope_code, audience, survey_id, question_id, toUnixTimestamp(as_of) AS as_of, "
                + ScoreColumns.SELECT
                + " FROM " + table + " FINAL"
                + " WHERE " + scopeCondition + " AND " + window.windowCondition() + " AND survey_id IN (" + surveys + ")";
    }

    private static WindowRow row(ResultRow row) {
        return new WindowRow(row.text("scope_level"), row.text("scope_code"), row.text("audience"),
                row.text("survey_id"), row.text("question_id"), Instant.ofEpochSecond(row.longValue("as_of")),
                ScoreColumns.read(row));
    }
}
