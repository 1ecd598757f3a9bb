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

    /**
     * Which history: {@code RAW} counts every answer; {@code CLEAN} leaves out the answers under an open or confirmed
     * fraud flag ({@code indicator_history_clean}, sparse: a bucket's clean row where it has {@code excluded > 0},
     * else its raw row — the README's rule, applied per bucket before anything is summed).
     */
    public enum Figures { RAW, CLEAN }

    private static final String KEY = "scope_level, scope_code, audience, granularity, bucket_start, survey_id, question_id";

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
                             Collection<String> questionIds, Instant from, Instant to, Figures figures) {
        StringBuilder sums = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS c").append(s);
        }
        return "SELECT toUnixTimestamp(bucket_start) AS bucket" + sums
                + " FROM (" + finalRows(scope.placeCondition(), List.of(audience), granularity, surveyIds, questionIds,
                from, to, figures) + ")"
                + " GROUP BY bucket ORDER BY bucket";
    }

    /**
     * The FINAL bucket rows of a place and span with their columns {@code scope_code, audience, survey_id,
     * question_id, bucket_start, c0..c10, excluded}: raw, or with each bucket's clean counts where a flag left some out.
     * All WHERE columns are in the sorting key, so the filter cannot interfere with deduplication.
     */
    private static String finalRows(String place, Collection<String> audiences, Granularity granularity,
                                    Collection<String> surveyIds, Collection<String> questionIds, Instant from,
                                    Instant to, Figures figures) {
        String where = " WHERE " + place
                + " AND audience IN (" + list(audiences) + ")"
                + " AND granularity = " + SqlCode.literal(granularity.code())
                + " AND survey_id IN (" + list(surveyIds) + ")"
                + " AND question_id IN (" + list(questionIds) + ")"
                + " AND bucket_start >= toDateTime(" + from.getEpochSecond() + ")"
                + " AND bucket_start < toDateTime(" + to.getEpochSecond() + ")";
        StringBuilder raw = new StringBuilder();
        StringBuilder clean = new StringBuilder();
        StringBuilder chosen = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            raw.append(", c").append(s).append(" AS r").append(s);
            clean.append(", c").append(s).append(" AS k").append(s);
            chosen.append(", if(x > 0, k").append(s).append(", r").append(s).append(") AS c").append(s);
        }
        if (figures == Figures.RAW) {
            return "SELECT scope_code, audience, survey_id, question_id, bucket_start" + raw.toString().replace(" AS r", " AS c")
                    + ", toUInt64(0) AS excluded FROM otklik.indicator_history FINAL" + where;
        }
        // different names on the two sides (r, k) and the chosen ones last: 18.16 takes an alias equal to a column
        // name of the joined table for that column
        return "SELECT scope_code, audience, survey_id, question_id, bucket_start" + chosen + ", x AS excluded FROM ("
                + "SELECT " + KEY + raw + " FROM otklik.indicator_history FINAL" + where
                + ") ANY LEFT JOIN (SELECT " + KEY + clean + ", excluded AS x FROM otklik.indicator_history_clean FINAL"
                + where + ") USING (" + KEY + ")";
    }

    public List<HistoryBucket> run(QueryScope scope, String audience, Granularity granularity,
                                   Collection<String> surveyIds, Collection<String> questionIds, Instant from,
                                   Instant to, Figures figures) {
        return reader.select(sql(scope, audience, granularity, surveyIds, questionIds, from, to, figures)).stream()
                .map(row -> new HistoryBucket(Instant.ofEpochSecond(row.longValue("bucket")), ScoreColumns.read(row)))
                .toList();
    }

    /**
     * One item's score counts over a span: an audience, survey and question of the place, its buckets summed; with
     * the answers a fraud flag left out of them (0 for the raw figures).
     */
    public record ItemTotal(String audience, String surveyId, String questionId, ScoreCounts counts, long excluded) {
    }

    /**
     * The same FINAL rows as {@link #sql}, summed over the whole span per audience, survey and question instead of
     * per bucket: one query for every item of a period (the weekly report), not one per item.
     */
    public static String totalsSql(QueryScope scope, Collection<String> audiences, Granularity granularity,
                                   Collection<String> surveyIds, Collection<String> questionIds, Instant from, Instant to) {
        return totalsSql(scope.placeCondition(), "", audiences, granularity, surveyIds, questionIds, from, to,
                Figures.RAW);
    }

    /**
     * The same per place, each place's items pooled: the comparisons of the region view (its office rows) and of the
     * federal view (the federal row and the region rows), one query for all of them.
     */
    public Map<String, ScoreCounts> pooledByPlace(QueryScope scope, String audience, Granularity granularity,
                                                  Collection<String> surveyIds, Collection<String> questionIds,
                                                  Instant from, Instant to, Figures figures, QueryScope.Rows... rows) {
        Map<String, ScoreCounts> out = new java.util.LinkedHashMap<>();
        for (ResultRow row : reader.select(totalsSql(scope.condition(rows), "scope_code, ", List.of(audience),
                granularity, surveyIds, questionIds, from, to, figures))) {
            out.merge(row.text("scope_code"), ScoreColumns.read(row), ScoreCounts::plus);
        }
        return out;
    }

    private static String totalsSql(String place, String by, Collection<String> audiences, Granularity granularity,
                                    Collection<String> surveyIds, Collection<String> questionIds, Instant from,
                                    Instant to, Figures figures) {
        StringBuilder sums = new StringBuilder();
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            sums.append(", toString(sum(c").append(s).append(")) AS c").append(s);
        }
        return "SELECT " + by + "audience, survey_id, question_id" + sums + ", toString(sum(excluded)) AS left_out"
                + " FROM (" + finalRows(place, audiences, granularity, surveyIds, questionIds, from, to, figures) + ")"
                + " GROUP BY " + by + "audience, survey_id, question_id ORDER BY " + by + "audience, survey_id, question_id";
    }

    public List<ItemTotal> totals(QueryScope scope, Collection<String> audiences, Granularity granularity,
                                  Collection<String> surveyIds, Collection<String> questionIds, Instant from, Instant to) {
        return totals(scope, audiences, granularity, surveyIds, questionIds, from, to, Figures.RAW);
    }

    public List<ItemTotal> totals(QueryScope scope, Collection<String> audiences, Granularity granularity,
                                  Collection<String> surveyIds, Collection<String> questionIds, Instant from, Instant to,
                                  Figures figures) {
        return reader.select(totalsSql(scope.placeCondition(), "", audiences, granularity, surveyIds, questionIds, from,
                        to, figures)).stream()
                .map(row -> new ItemTotal(row.text("audience"), row.text("survey_id"), row.text("question_id"),
                        ScoreColumns.read(row), row.longValue("left_out")))
                .toList();
    }

    private static String list(Collection<String> codes) {
        return codes.stream().map(SqlCode::literal).collect(Collectors.joining(", "));
    }
}
