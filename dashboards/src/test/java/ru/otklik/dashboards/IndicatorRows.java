package ru.otklik.dashboards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.infra.local.ClickHouseHttp;

/**
 * Inserts rows into {@code indicator_window}, {@code response_window}, {@code indicator_history} and
 * {@code scope_watermark} the way the streaming job does (test data only). n/positive/share columns are
 * filled for realism; the dashboards recompute every figure from c0..c10 with common's {@link Indicators}.
 */
public record IndicatorRows(ClickHouseHttp ch) {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One window row; counts[i] = answers with score i (11 entries). */
    public void window(String level, String code, String audience, String window, String survey, String question,
                       Instant asOf, long version, long... counts) {
        ShareEstimate s = Indicators.positiveShare(ScoreCounts.of(counts), Indicators.DEFAULT_MINIMUM_SAMPLE);
        ch.execute("INSERT INTO otklik.indicator_window (scope_level, scope_code, audience, window, survey_id, question_id,"
                + " as_of, n, positive, share, low, high, sufficient, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, version)"
                + " VALUES ('" + level + "', '" + code + "', '" + audience + "', '" + window + "', '" + survey + "', '"
                + question + "', '" + TS.format(asOf) + "', " + s.n() + ", " + s.positive() + ", " + num(s.share()) + ", "
                + num(s.low()) + ", " + num(s.high()) + ", " + (s.sufficient() ? 1 : 0) + ", " + list(counts) + ", "
                + version + ")");
    }

    /** One {@code indicator_window_clean} row: the figures without {@code excluded} answers under a fraud flag. */
    public void cleanWindow(String level, String code, String audience, String window, String survey, String question,
                            Instant asOf, long version, long excluded, long... counts) {
        ShareEstimate s = Indicators.positiveShare(ScoreCounts.of(counts), Indicators.DEFAULT_MINIMUM_SAMPLE);
        ch.execute("INSERT INTO otklik.indicator_window_clean (scope_level, scope_code, audience, window, survey_id,"
                + " question_id, as_of, n, positive, share, low, high, sufficient, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9,"
                + " c10, version, excluded) VALUES ('" + level + "', '" + code + "', '" + audience + "', '" + window
                + "', '" + survey + "', '" + question + "', '" + TS.format(asOf) + "', " + s.n() + ", " + s.positive()
                + ", " + num(s.share()) + ", " + num(s.low()) + ", " + num(s.high()) + ", " + (s.sufficient() ? 1 : 0)
                + ", " + list(counts) + ", " + version + ", " + excluded + ")");
    }

    /** One {@code response_window_clean} row: {@code responses} counted, {@code excluded} left out. */
    public void cleanResponses(String level, String code, String audience, String window, String survey, Instant asOf,
                               long version, long responses, long excluded) {
        ch.execute("INSERT INTO otklik.response_window_clean (scope_level, scope_code, audience, window, survey_id,"
                + " as_of, responses, suppressed_presses, version, excluded) VALUES ('" + level + "', '" + code + "', '"
                + audience + "', '" + window + "', '" + survey + "', '" + TS.format(asOf) + "', " + responses + ", 0, "
                + version + ", " + excluded + ")");
    }

    /** The same office row in several windows at once (tests that do not care about window edges). */
    public void office(String office, String audience, String survey, String question, Instant asOf, long version,
                       long[] counts, String... windows) {
        for (String w : windows) {
            window("office", office, audience, w, survey, question, asOf, version, counts);
        }
    }

    /** One {@code response_window} row: responses and suppressed kiosk presses of a scope, audience, window and survey. */
    public void responses(String level, String code, String audience, String window, String survey, Instant asOf,
                          long version, long responses, long suppressedPresses) {
        ch.execute("INSERT INTO otklik.response_window (scope_level, scope_code, audience, window, survey_id, as_of,"
                + " responses, suppressed_presses, version) VALUES ('" + level + "', '" + code + "', '" + audience + "', '"
                + window + "', '" + survey + "', '" + TS.format(asOf) + "', " + responses + ", " + suppressedPresses + ", "
                + version + ")");
    }

    /** The same response count of a scope in several windows at once. */
    public void responses(String level, String code, String audience, String survey, Instant asOf, long version,
                          long responses, long suppressedPresses, String... windows) {
        for (String w : windows) {
            responses(level, code, audience, w, survey, asOf, version, responses, suppressedPresses);
        }
    }

    /** The place's {@code scope_watermark}; a later as-of wins (version = its epoch second). */
    public void watermark(String level, String code, Instant asOf) {
        ch.execute("INSERT INTO otklik.scope_watermark (scope_level, scope_code, as_of, version) VALUES ('" + level
                + "', '" + code + "', '" + TS.format(asOf) + "', " + asOf.getEpochSecond() + ")");
    }

    public void history(String level, String code, String audience, String granularity, Instant bucket, String survey,
                        String question, long version, long... counts) {
        ScoreCounts c = ScoreCounts.of(counts);
        ch.execute("INSERT INTO otklik.indicator_history (scope_level, scope_code, audience, granularity, bucket_start,"
                + " survey_id, question_id, n, positive, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, version) VALUES ('"
                + level + "', '" + code + "', '" + audience + "', '" + granularity + "', '" + TS.format(bucket) + "', '"
                + survey + "', '" + question + "', " + c.between(1, 10) + ", " + c.between(8, 10) + ", " + list(counts)
                + ", " + version + ")");
    }

    /** One {@code indicator_history_clean} row: the bucket's counts without {@code excluded} answers under a flag. */
    public void cleanHistory(String level, String code, String audience, String granularity, Instant bucket,
                             String survey, String question, long version, long excluded, long... counts) {
        ScoreCounts c = ScoreCounts.of(counts);
        ch.execute("INSERT INTO otklik.indicator_history_clean (scope_level, scope_code, audience, granularity,"
                + " bucket_start, survey_id, question_id, n, positive, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10,"
                + " version, excluded) VALUES ('" + level + "', '" + code + "', '" + audience + "', '" + granularity
                + "', '" + TS.format(bucket) + "', '" + survey + "', '" + question + "', " + c.between(1, 10) + ", "
                + c.between(8, 10) + ", " + list(counts) + ", " + version + ", " + excluded + ")");
    }

    /** Many buckets of one item in one INSERT (browser tests fill a month of hours). */
    public void historyBuckets(String level, String code, String audience, String granularity, String survey,
                               String question, java.util.Map<Instant, long[]> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO otklik.indicator_history (scope_level, scope_code, audience,"
                + " granularity, bucket_start, survey_id, question_id, n, positive, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9,"
                + " c10, version) VALUES ");
        String sep = "";
        for (java.util.Map.Entry<Instant, long[]> b : buckets.entrySet()) {
            ScoreCounts c = ScoreCounts.of(b.getValue());
            sql.append(sep).append("('").append(level).append("', '").append(code).append("', '").append(audience)
                    .append("', '").append(granularity).append("', '").append(TS.format(b.getKey())).append("', '")
                    .append(survey).append("', '").append(question).append("', ").append(c.between(1, 10)).append(", ")
                    .append(c.between(8, 10)).append(", ").append(list(b.getValue())).append(", ").append(c.total())
                    .append(")");
            sep = ", ";
        }
        ch.execute(sql.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "nan" : Double.toString(v);
    }

    private static String list(long[] counts) {
        if (counts.length != 11) {
            throw new IllegalArgumentException("11 counts");
        }
        return Arrays.stream(counts).mapToObj(Long::toString).collect(Collectors.joining(", "));
    }
}
