package ru.otklik.dashboards.office;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.HistoryBucket;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;

/**
 * The office's history line from {@code indicator_history}: every bucket of the span, empty ones with n = 0.
 * The span ends at the office's watermark, not at the wall clock: after a quiet weekend the line still
 * ends on Friday, beside figures that are Friday's.
 */
public final class OfficeHistoryQuery {

    private final OfficeDirectory directory;
    private final WatermarkQuery watermarks;
    private final HistoryQuery history;
    private final int minimumSample;
    private final Clock clock;

    public OfficeHistoryQuery(OfficeDirectory directory, WatermarkQuery watermarks, HistoryQuery history,
                              int minimumSample, Clock clock) {
        this.directory = directory;
        this.watermarks = watermarks;
        this.history = history;
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    /** {@code audience} must be one of {@link OfficeIndicatorsQuery#AUDIENCES}. */
    public OfficeHistory run(String officeCode, Granularity granularity, TrackedItem item, String audience, String language) {
        QueryScope scope = QueryScope.office(directory, officeCode);
        String effectiveAudience = item.audience(audience);
        Optional<Instant> watermark = watermarks.watermark(scope);
        // buckets are UTC hours/days; the bucket holding the as-of (still filling, if the stream is live) is the last point
        Instant last = granularity.bucketOf(watermark.orElseGet(clock::instant));
        long count = granularity.span().dividedBy(granularity.bucket());
        Instant from = last.minus(granularity.bucket().multipliedBy(count - 1));
        Instant to = last.plus(granularity.bucket());
        Map<Instant, ScoreCounts> byStart = new HashMap<>();
        // clean, as the figures above the line: a fraud burst must not show as a peak of the office's history
        for (HistoryBucket b : history.run(scope, effectiveAudience, granularity, item.surveyIds(), item.questionIds(),
                from, to, HistoryQuery.Figures.CLEAN)) {
            byStart.merge(b.start(), b.counts(), ScoreCounts::plus);
        }
        List<BucketFigure> points = new ArrayList<>();
        for (Instant t = from; !t.isAfter(last); t = t.plus(granularity.bucket())) {
            points.add(BucketFigure.of(t.toString(), item.share(byStart.getOrDefault(t, ScoreCounts.empty()), minimumSample)));
        }
        return new OfficeHistory(officeCode, granularity.code(), item.id(), item.label(language), effectiveAudience,
                minimumSample, from.toString(), to.toString(), points, watermark.map(Instant::toString).orElse(null));
    }
}
