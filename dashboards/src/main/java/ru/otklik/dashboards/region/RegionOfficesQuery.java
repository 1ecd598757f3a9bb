package ru.otklik.dashboards.region;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResponseRow;
import ru.otklik.dashboards.clickhouse.ResponseSumsQuery;
import ru.otklik.dashboards.clickhouse.ScoreRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * Ranks a region's offices: offices whose pooled share has a sufficient sample first, by share
 * (highest first), then the rest by share; ties by office code so the order is stable.
 */
public final class RegionOfficesQuery {

    private final OfficeDirectory directory;
    private final WindowRowsQuery windows;
    private final ResponseSumsQuery responses;
    private final PooledFigures pooled;
    private final int minimumSample;
    private final Clock clock;

    public RegionOfficesQuery(OfficeDirectory directory, SurveyItems items, WindowRowsQuery windows,
                              ResponseSumsQuery responses, int minimumSample, Clock clock) {
        this.directory = directory;
        this.windows = windows;
        this.responses = responses;
        this.pooled = new PooledFigures(items, minimumSample);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public RegionOffices run(String regionCode, TimeWindow window) {
        QueryScope scope = QueryScope.region(directory, regionCode);
        OfficeScoreRows read = OfficeScoreRows.read(windows, directory, scope, window);
        List<ScoreRow> scoreRows = read.rows();
        List<ResponseRow> responseRows = responses.run(scope, window, clock.instant());

        List<OfficeSummary> unranked = new ArrayList<>();
        for (Office office : directory.officesOf(regionCode)) {
            String code = office.code();
            ScoreCounts buttons = pooled.kioskButtons(scoreRows, r -> r.officeCode().equals(code));
            unranked.add(new OfficeSummary(0, code, office.name(),
                    PooledFigures.responses(responseRows, r -> r.officeCode().equals(code)),
                    PooledFigures.responses(responseRows, r -> r.officeCode().equals(code)
                            && SurveyItems.QUESTIONNAIRES.contains(r.surveyId())),
                    pooled.positive(scoreRows, r -> r.officeCode().equals(code)),
                    pooled.itemCount(),
                    pooled.sufficientItems(scoreRows, r -> r.officeCode().equals(code)),
                    buttons.between(1, 4),
                    pooled.kioskSatisfaction(buttons)));
        }
        unranked.sort(RANKING);
        List<OfficeSummary> ranked = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            OfficeSummary o = unranked.get(i);
            ranked.add(new OfficeSummary(i + 1, o.office(), o.name(), o.responses(), o.questionnaireResponses(),
                    o.positive(), o.items(), o.sufficientItems(), o.kioskTaps(), o.kioskSatisfaction()));
        }
        return new RegionOffices(regionCode, directory.regions().get(regionCode), window.code(), minimumSample,
                ranked, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), read.asOf());
    }

    static final Comparator<OfficeSummary> RANKING = Comparator
            .comparing((OfficeSummary o) -> !o.positive().sufficient())
            .thenComparing(o -> shareOrMinus(o.positive()), Comparator.reverseOrder())
            .thenComparing(OfficeSummary::office);

    private static double shareOrMinus(Share share) {
        return share.share() == null ? -1 : share.share();
    }
}
