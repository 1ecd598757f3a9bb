package ru.otklik.dashboards.region;

import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.OFFICES;
import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.PLACE;
import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.REGIONS;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.CleanRows;
import ru.otklik.dashboards.clickhouse.ConcurrentReads;
import ru.otklik.dashboards.clickhouse.PreviousPeriodTotals;
import ru.otklik.dashboards.clickhouse.PreviousSpan;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResponseWindowQuery;
import ru.otklik.dashboards.clickhouse.ResponseWindowRow;
import ru.otklik.dashboards.clickhouse.ScopedRow;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;
import ru.otklik.dashboards.clickhouse.WindowRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.figures.PlaceSummaries;
import ru.otklik.dashboards.figures.PlaceSummary;
import ru.otklik.dashboards.figures.SurveyItems;
import ru.otklik.dashboards.office.PeriodComparison;

/**
 * The federal view: the federal total from the federal rows ({@code RU}), one summary per region of the
 * directory from its region rows (rows of unknown codes are never read), and per region how many offices
 * have responses (their office rows); clean figures (without the responses under a fraud flag), and each next to
 * the period before. As of the federal watermark.
 */
public final class RegionsQuery {

    private final OfficeDirectory directory;
    private final SurveyItems items;
    private final WatermarkQuery watermarks;
    private final WindowRowsQuery windows;
    private final ResponseWindowQuery responses;
    private final PreviousPeriodTotals previousTotals;
    private final PlaceSummaries summaries;
    private final int minimumSample;
    private final Clock clock;

    public RegionsQuery(OfficeDirectory directory, SurveyItems items, WatermarkQuery watermarks, WindowRowsQuery windows,
                        ResponseWindowQuery responses, PreviousPeriodTotals previousTotals, int minimumSample,
                        Clock clock) {
        this.directory = directory;
        this.items = items;
        this.watermarks = watermarks;
        this.windows = windows;
        this.responses = responses;
        this.previousTotals = previousTotals;
        this.summaries = new PlaceSummaries(items, minimumSample);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public Regions run(TimeWindow window) {
        QueryScope scope = QueryScope.federal(directory);
        // the watermark first: rows read after it are at least as new as it says; the other reads then all at once
        Optional<Instant> watermark = watermarks.watermark(scope);
        PreviousSpan span = PreviousSpan.before(window, watermark.orElse(clock.instant()));
        var scoreRead = ConcurrentReads.start(() -> windows.rows(scope, window, SurveyItems.ALL_SURVEYS, PLACE, REGIONS));
        var cleanScoreRead = ConcurrentReads.start(() -> windows.cleanRows(scope, window, SurveyItems.ALL_SURVEYS, PLACE,
                REGIONS));
        var responseRead = ConcurrentReads.start(() -> responses.rows(scope, window, PLACE, REGIONS, OFFICES));
        var cleanResponseRead = ConcurrentReads.start(() -> responses.cleanRows(scope, window, PLACE, REGIONS));
        var previousRead = ConcurrentReads.start(() -> previousTotals.pooledByPlace(scope, ScopeLevel.ALL_AUDIENCES,
                span, SurveyItems.QUESTIONNAIRES, items.agreementItems().stream().map(q -> q.id()).toList(), PLACE,
                REGIONS));
        List<WindowRow> rawScores = scoreRead.get();
        List<ResponseWindowRow> rawResponses = responseRead.get();
        // ranked by the clean figures, as the offices of a region: a region must not climb on fakes
        List<WindowRow> scoreRows = CleanRows.overlay(rawScores, cleanScoreRead.get(), CleanRows::keyOf);
        List<ResponseWindowRow> responseRows = CleanRows.overlay(rawResponses, cleanResponseRead.get(),
                CleanRows::keyOf);
        Set<String> officesWithResponses = rawResponses.stream()
                .filter(r -> r.scopeLevel().equals(ScopeLevel.OFFICE.code()) && r.responses() > 0)
                .map(ResponseWindowRow::scopeCode).collect(Collectors.toSet());

        List<RegionSummary> regions = new ArrayList<>();
        for (Map.Entry<String, String> region : directory.regions().entrySet()) {
            List<Office> offices = directory.officesOf(region.getKey());
            int withResponses = (int) offices.stream().filter(o -> officesWithResponses.contains(o.code())).count();
            String network = offices.isEmpty() ? "" : offices.get(0).network().name().toLowerCase(java.util.Locale.ROOT);
            regions.add(RegionSummary.of(region.getKey(), region.getValue(), network, offices.size(), withResponses,
                    summaries.of(ScopedRow.of(scoreRows, ScopeLevel.REGION, region.getKey()),
                            ScopedRow.of(responseRows, ScopeLevel.REGION, region.getKey()))));
        }
        regions.sort(RegionSummary.RANKING);
        for (int i = 0; i < regions.size(); i++) {
            regions.set(i, regions.get(i).ranked(i + 1));
        }
        PlaceSummary total = summaries.of(ScopedRow.of(scoreRows, ScopeLevel.FEDERAL, ScopeLevel.FEDERAL_CODE),
                ScopedRow.of(responseRows, ScopeLevel.FEDERAL, ScopeLevel.FEDERAL_CODE));
        return new Regions(window.code(), minimumSample, total, regions,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                WatermarkQuery.asOf(watermark, rawScores, rawResponses),
                previous(span, previousRead.get(), total, regions));
    }

    /** The federal total and each region against the period before, pooled, clean against clean. */
    private Regions.Previous previous(PreviousSpan span, Map<String, ScoreCounts> before, PlaceSummary total,
                                      List<RegionSummary> regions) {
        Map<String, PeriodComparison.Item> byRegion = new LinkedHashMap<>();
        for (RegionSummary r : regions) {
            byRegion.put(r.region(), PeriodComparison.Item.of(r.positive().positive(), r.positive().n(),
                    before.getOrDefault(r.region(), ScoreCounts.empty()), minimumSample));
        }
        return new Regions.Previous(span.from().toString(), span.to().toString(),
                PeriodComparison.Item.of(total.positive().positive(), total.positive().n(),
                        before.getOrDefault(ScopeLevel.FEDERAL_CODE, ScoreCounts.empty()), minimumSample),
                byRegion);
    }
}
