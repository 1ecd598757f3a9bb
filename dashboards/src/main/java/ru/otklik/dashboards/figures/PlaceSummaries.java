package ru.otklik.dashboards.figures;

import java.util.List;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.dashboards.clickhouse.ResponseWindowRow;
import ru.otklik.dashboards.clickhouse.WindowRow;

/**
 * Computes {@link PlaceSummary} from one place's rows. The rows are the job's rows of that place
 * (office rows for an office, region rows for a region, federal rows for the total): offices are never
 * pooled into a region here, the job writes the region's own rows. Only {@code audience = 'all'}
 * indicator rows count: each audience is also written apart, and summing both would count every answer twice.
 */
public final class PlaceSummaries {

    private final SurveyItems items;
    private final int minimumSample;
    private final List<String> agreementIds;

    public PlaceSummaries(SurveyItems items, int minimumSample) {
        this.items = items;
        this.minimumSample = minimumSample;
        this.agreementIds = items.agreementItems().stream().map(q -> q.id()).toList();
    }

    /**
     * @param rows      indicator rows of one place (other audiences are ignored)
     * @param responses response rows of the same place
     */
    public PlaceSummary of(List<WindowRow> rows, List<ResponseWindowRow> responses) {
        List<WindowRow> all = rows.stream().filter(r -> r.audience().equals(ScopeLevel.ALL_AUDIENCES)).toList();
        ScoreCounts pooled = WindowRow.sum(all, this::isAgreement);
        int sufficient = 0;
        for (String id : agreementIds) {
            if (Indicators.positiveShare(WindowRow.sum(all, r -> isAgreement(r) && r.questionId().equals(id)), minimumSample)
                    .sufficient()) {
                sufficient++;
            }
        }
        ScoreCounts buttons = WindowRow.sum(all, r -> r.surveyId().equals(SurveyItems.KIOSK_SURVEY)
                && r.questionId().equals(items.kioskQuestion()));
        return new PlaceSummary(
                responses.stream().mapToLong(ResponseWindowRow::responses).sum(),
                responses.stream().filter(r -> SurveyItems.QUESTIONNAIRES.contains(r.surveyId()))
                        .mapToLong(ResponseWindowRow::responses).sum(),
                Share.of(Indicators.positiveShare(pooled, minimumSample)),
                agreementIds.size(), sufficient,
                buttons.between(1, 4),
                Share.of(Indicators.kioskSatisfaction(buttons, minimumSample)));
    }

    private boolean isAgreement(WindowRow row) {
        return SurveyItems.QUESTIONNAIRES.contains(row.surveyId()) && agreementIds.contains(row.questionId());
    }
}
