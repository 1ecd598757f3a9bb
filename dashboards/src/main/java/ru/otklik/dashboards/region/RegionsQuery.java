package ru.otklik.dashboards.region;

import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.OFFICES;
import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.PLACE;
import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.REGIONS;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
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

/**
 * The federal view: the federal total from the federal rows ({@code RU}), one summary per region of the
 * directory from its region rows (rows of unknown codes are never read), and per region how many offices
 * have responses (their office rows). As of the federal watermark.
 */
public final class RegionsQuery {

    private final OfficeDirectory directory;
    private final WatermarkQuery watermarks;
    private final WindowRowsQuery windows;
    private final ResponseWindowQuery responses;
    private final PlaceSummaries summaries;
    private final int minimumSample;
    private final Clock clock;

    public RegionsQuery(OfficeDirectory directory, SurveyItems items, WatermarkQuery watermarks, WindowRowsQuery windows,
                        ResponseWindowQuery responses, int minimumSample, Clock clock) {
        this.directory = directory;
        this.watermarks = watermarks;
        this.windows = windows;
        this.responses = responses;
        this.summaries = new PlaceSummaries(items, minimumSample);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public Regions run(TimeWindow window) {
        QueryScope scope = QueryScope.federal(directory);
        Optional<Instant> watermark = watermarks.watermark(scope);
        List<WindowRow> scoreRows = windows.rows(scope, window, SurveyItems.ALL_SURVEYS, PLACE, REGIONS);
        List<ResponseWindowRow> responseRows = responses.rows(scope, window, PLACE, REGIONS, OFFICES);
        Set<String> officesWithResponses = responseRows.stream()
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
                WatermarkQuery.asOf(watermark, scoreRows, responseRows));
    }
}
