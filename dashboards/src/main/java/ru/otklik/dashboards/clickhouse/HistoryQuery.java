package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScoreCounts;

/**
 * Reads {@code otklik.indicator_history} of one place: the inner query takes FINAL rows (late answers
 * rewrite a bucket with a higher version), the outer one sums the selected items per bucket. All WHERE
 * columns are in the table's sorting key, so filtering cannot interfere with deduplication. Buckets are
 * read in {@code [from, to)}: spans end at the view's as-of, not at the wall clock.
 */
public final class HistoryQuery {

    private final ClickHouseReader reader;

    public HistoryQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    /**
     * @param audience   a whitelisted audience code
     * @param surveyIds  surveys from the catalog
     * @param questionIds items from the catalog
     */
    public static String sql(QueryScope scope, String audience, Granularity granularity, Collection<String> surveyIds,
                             Collection<String> questionIds, Instant from, Instant to) {
        StringBuilder sums = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS c").append(s);
            columns.append(", c").append(s);
        }
        return "SELECT toUnixTimestamp(bucket_start) AS bucket" + sums
                + " FROM (SELECT bucket_start" + columns
                + " FROM otklik.indicator_history FINAL"
                + " WHERE " + scope.placeCondition()
                + " AND audience = " + SqlCode.literal(audience)
                + " AND granularity = " + SqlCode.literal(granularity.code())
                + " AND survey_id IN (" + list(surveyIds) + ")"
                + " AND question_id IN (" + list(questionIds) + ")"
                + " AND bucket_start >= toDateTime(" + from.getEpochSecond() + ")"
                + " AND bucket_start < toDateTime(" + to.getEpochSecond() + "))"
                + " GROUP BY bucket ORDER BY bucket";
    }

    public List<HistoryBucket> run(QueryScope scope, String audience, Granularity granularity,
                                   Collection<String> surveyIds, Collection<String> questionIds, Instant from,
                                   Instant to) {
        return reader.select(sql(scope, audience, granularity, surveyIds, questionIds, from, to)).stream()
                .map(row -> new HistoryBucket(Instant.ofEpochSecond(row.longValue("bucket")), ScoreColumns.read(row)))
                .toList();
    }

    /** One item's score counts over a span: an audience, survey and question of the place, its buckets summed. */
    public record ItemTotal(String audience, String surveyId, String questionId, ScoreCounts counts) {
    }

    /**
     * The same FINAL rows as {@link #sql}, summed over the whole span per audience, survey and question instead of
     * per bucket: one query for every item of a period (the weekly report), not one per item.
     */
    public static String totalsSql(QueryScope scope, Collection<String> audiences, Granularity granularity,
                                   Collection<String> surveyIds, Collection<String> questionIds, Instant from, Instant to) {
        return totalsSql(scope.placeCondition(), "", audiences, granularity, surveyIds, questionIds, from, to);
    }

    /** The same per office of a region (its office rows), each office's items pooled: the region view's comparison. */
    public Map<String, ScoreCounts> pooledByOffice(QueryScope region, String audience, Granularity granularity,
                                                   Collection<String> surveyIds, Collection<String> questionIds,
                                                   Instant from, Instant to) {
        Map<String, ScoreCounts> out = new java.util.LinkedHashMap<>();
        for (ResultRow row : reader.select(totalsSql(region.officeRowsCondition(), "scope_code, ", List.of(audience),
                granularity, surveyIds, questionIds, from, to))) {
            out.merge(row.text("scope_code"), ScoreColumns.read(row), ScoreCounts::plus);
        }
        return out;
    }

    private static String totalsSql(String place, String by, Collection<String> audiences, Granularity granularity,
                                    Collection<String> surveyIds, Collection<String> questionIds, Instant from,
                                    Instant to) {
        StringBuilder sums = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS c").append(s);
            columns.append(", c").append(s);
        }
        return "SELECT " + by + "audience, survey_id, question_id" + sums
                + " FROM (SELECT " + by + "audience, survey_id, question_id" + columns
                + " FROM otklik.indicator_history FINAL"
                + " WHERE " + place
                + " AND audience IN (" + list(audiences) + ")"
                + " AND granularity = " + SqlCode.literal(granularity.code())
                + " AND survey_id IN (" + list(surveyIds) + ")"
                + " AND question_id IN (" + list(questionIds) + ")"
                + " AND bucket_start >= toDateTime(" + from.getEpochSecond() + ")"
                + " AND bucket_start < toDateTime(" + to.getEpochSecond() + "))"
                + " GROUP BY " + by + "audience, survey_id, question_id ORDER BY " + by + "audience, survey_id, question_id";
    }

    public List<ItemTotal> totals(QueryScope scope, Collection<String> audiences, Granularity granularity,
                                  Collection<String> surveyIds, Collection<String> questionIds, Instant from, Instant to) {
        return reader.select(totalsSql(scope, audiences, granularity, surveyIds, questionIds, from, to)).stream()
                .map(row -> new ItemTotal(row.text("audience"), row.text("survey_id"), row.text("question_id"),
                        ScoreColumns.read(row)))
                .toList();
    }

    private static String list(Collection<String> codes) {
        return codes.stream().map(SqlCode::literal).collect(Collectors.joining(", "));
    }
}
