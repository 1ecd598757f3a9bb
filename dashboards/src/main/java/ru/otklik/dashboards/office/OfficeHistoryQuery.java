package ru.otklik.dashboards.office;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.HistoryBucket;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.QueryScope;

/** The office's history line from {@code indicator_history}: every bucket of the span, empty ones with n = 0. */
public final class OfficeHistoryQuery {

    private final OfficeDirectory directory;
    private final HistoryQuery history;
    private final int minimumSample;
    private final Clock clock;

    public OfficeHistoryQuery(OfficeDirectory directory, HistoryQuery history, int minimumSample, Clock clock) {
        this.directory = directory;
        this.history = history;
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    /** {@code audience} must be one of {@link OfficeIndicatorsQuery#AUDIENCES}. */
    public OfficeHistory run(String officeCode, Granularity granularity, TrackedItem item, String audience, String language) {
        QueryScope scope = QueryScope.office(directory, officeCode);
        String effectiveAudience = item.audience(audience);
        Instant now = clock.instant();
        // buckets are UTC hours/days; the current (filling) bucket is the last point
        Instant last = now.truncatedTo(granularity == Granularity.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS);
        long count = granularity.span().dividedBy(granularity.bucket());
        Instant from = last.minus(granularity.bucket().multipliedBy(count - 1));
        Map<Instant, ScoreCounts> byStart = new HashMap<>();
        for (HistoryBucket b : history.run(scope, effectiveAudience, granularity, item.surveyIds(), item.questionIds(), from)) {
            byStart.merge(b.start(), b.counts(), ScoreCounts::plus);
        }
        List<BucketFigure> points = new ArrayList<>();
        for (Instant t = from; !t.isAfter(last); t = t.plus(granularity.bucket())) {
            points.add(BucketFigure.of(t.toString(), item.share(byStart.getOrDefault(t, ScoreCounts.empty()), minimumSample)));
        }
        return new OfficeHistory(officeCode, granularity.code(), item.id(), item.label(language), effectiveAudience,
                minimumSample, from.toString(), last.plus(granularity.bucket()).toString(), points);
    }
}
