package ru.otklik.dashboards.office;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.HistoryBucket;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;

/**
 * Hour x weekday profile of an office. The hourly buckets are UTC hours; they are folded in Java into
 * local time with {@link RegionTimeZone} (whole-hour zones, so a UTC hour is one local hour).
 */
public final class OfficeProfileQuery {

    /** Opening hours shown even when empty (local time, first hour to last hour inclusive): 8:00–20:00. */
    static final int OPENS = 8;
    static final int CLOSES = 19;
    static final Duration SPAN = Duration.ofDays(30);

    private final OfficeDirectory directory;
    private final WatermarkQuery watermarks;
    private final HistoryQuery history;
    private final int minimumSample;
    private final Clock clock;

    public OfficeProfileQuery(OfficeDirectory directory, WatermarkQuery watermarks, HistoryQuery history,
                              int minimumSample, Clock clock) {
        this.directory = directory;
        this.watermarks = watermarks;
        this.history = history;
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public OfficeProfile run(String officeCode, TrackedItem item, String audience, String language) {
        QueryScope scope = QueryScope.office(directory, officeCode);
        Office office = directory.office(officeCode).orElseThrow();
        ZoneId zone = RegionTimeZone.of(office.regionCode());
        String effectiveAudience = item.audience(audience);
        // the 30 days end with the hour holding the office's as-of, like the figures beside them
        Optional<Instant> watermark = watermarks.watermark(scope);
        Instant to = Granularity.HOUR.bucketOf(watermark.orElseGet(clock::instant)).plus(Granularity.HOUR.bucket());
        Instant from = to.minus(SPAN);

        ScoreCounts[][] cells = new ScoreCounts[7][24];
        for (ScoreCounts[] day : cells) {
            java.util.Arrays.fill(day, ScoreCounts.empty());
        }
        // clean, as the office's figures: staff entering fakes at a quiet hour must not colour that hour
        for (HistoryBucket b : history.run(scope, effectiveAudience, Granularity.HOUR, item.surveyIds(),
                item.questionIds(), from, to, HistoryQuery.Figures.CLEAN)) {
            ZonedDateTime local = b.start().atZone(zone);
            int d = local.getDayOfWeek().getValue() - 1;
            cells[d][local.getHour()] = cells[d][local.getHour()].plus(b.counts());
        }
        int first = OPENS;
        int last = CLOSES;
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                if (cells[d][h].total() > 0) {
                    first = Math.min(first, h);
                    last = Math.max(last, h);
                }
            }
        }
        List<Integer> hours = new ArrayList<>();
        for (int h = first; h <= last; h++) {
            hours.add(h);
        }
        List<OfficeProfile.Day> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            List<OfficeProfile.Cell> row = new ArrayList<>();
            for (int h : hours) {
                ShareEstimate s = item.share(cells[d][h], minimumSample);
                row.add(new OfficeProfile.Cell(h, s.n(), s.positive(), BucketFigure.orNull(s.share()),
                        BucketFigure.orNull(s.low()), BucketFigure.orNull(s.high()), s.sufficient()));
            }
            days.add(new OfficeProfile.Day(d + 1, row));
        }
        return new OfficeProfile(officeCode, zone.getId(), item.id(), item.label(language), effectiveAudience,
                minimumSample, from.toString(), to.toString(), hours, days, watermark.map(Instant::toString).orElse(null));
    }
}
