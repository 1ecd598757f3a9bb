package ru.otklik.dashboards.clickhouse;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScoreCounts;

/**
 * Sums c0..c10 of {@code otklik.answer_minute} over a window. The inner query reads FINAL rows
 * (ReplacingMergeTree keeps older versions of a bucket until a merge; without FINAL a bucket would
 * count twice) and the outer one sums them. Every WHERE column is part of the table's sorting key,
 * so it is the same in all versions of a row and filtering cannot interfere with deduplication.
 */
public final class ScoreSumsQuery {

    private final ClickHouseReader reader;

    public ScoreSumsQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    public static String sql(QueryScope scope, TimeWindow window, Collection<String> surveyIds) {
        StringBuilder sums = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS c").append(s);
            columns.append(", c").append(s);
        }
        String surveys = surveyIds.stream().map(SqlCode::literal).collect(Collectors.joining(", "));
        return "SELECT region_code, office_code, survey_id, audience, question_id" + sums
                + " FROM (SELECT region_code, office_code, survey_id, audience, question_id" + columns
                + " FROM otklik.answer_minute FINAL"
                + " WHERE " + scope.condition() + " AND " + window.condition() + " AND survey_id IN (" + surveys + "))"
                + " GROUP BY region_code, office_code, survey_id, audience, question_id";
    }

    public List<ScoreRow> run(QueryScope scope, TimeWindow window, Collection<String> surveyIds) {
        return reader.select(sql(scope, window, surveyIds)).stream().map(row -> {
            long[] counts = new long[ScoreCounts.MAX_SCORE + 1];
            for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
                counts[s] = row.longValue("c" + s);
            }
            return new ScoreRow(row.text("region_code"), row.text("office_code"), row.text("survey_id"),
                    row.text("audience"), row.text("question_id"), ScoreCounts.of(counts));
        }).toList();
    }
}
