package ru.otklik.dashboards.region;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResponseRow;
import ru.otklik.dashboards.clickhouse.ResponseSumsQuery;
import ru.otklik.dashboards.clickhouse.ScoreRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.figures.SurveyItems;

/** The federal overview: one pooled summary per region of the directory (rows of unknown codes are ignored). */
public final class RegionsQuery {

    private final OfficeDirectory directory;
    private final WindowRowsQuery windows;
    private final ResponseSumsQuery responses;
    private final PooledFigures pooled;
    private final int minimumSample;
    private final Clock clock;

    public RegionsQuery(OfficeDirectory directory, SurveyItems items, WindowRowsQuery windows,
                        ResponseSumsQuery responses, int minimumSample, Clock clock) {
        this.directory = directory;
        this.windows = windows;
        this.responses = responses;
        this.pooled = new PooledFigures(items, minimumSample);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public Regions run(TimeWindow window) {
        OfficeScoreRows read = OfficeScoreRows.read(windows, directory, QueryScope.everything(), window);
        List<ScoreRow> scoreRows = read.rows();
        List<ResponseRow> responseRows = responses.run(QueryScope.everything(), window, clock.instant());
        List<RegionSummary> regions = new ArrayList<>();
        for (Map.Entry<String, String> region : directory.regions().entrySet()) {
            List<String> offices = directory.officesOf(region.getKey()).stream().map(o -> o.code()).toList();
            ScoreCounts buttons = pooled.kioskButtons(scoreRows, r -> offices.contains(r.officeCode()));
            int withResponses = (int) offices.stream()
                    .filter(code -> PooledFigures.responses(responseRows, r -> r.officeCode().equals(code)) > 0)
                    .count();
            regions.add(new RegionSummary(region.getKey(), region.getValue(), offices.size(), withResponses,
                    PooledFigures.responses(responseRows, r -> offices.contains(r.officeCode())),
                    pooled.positive(scoreRows, r -> offices.contains(r.officeCode())),
                    buttons.between(1, 4), pooled.kioskSatisfaction(buttons)));
        }
        return new Regions(window.code(), minimumSample, regions,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), read.asOf());
    }
}
