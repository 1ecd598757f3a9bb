package ru.otklik.dashboards.region;

import java.util.List;
import java.util.function.Predicate;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.dashboards.clickhouse.ResponseRow;
import ru.otklik.dashboards.clickhouse.ScoreRow;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;

/** Figures pooled over a set of offices (one office, or a region): the rows are filtered, summed, then the formulas applied. */
final class PooledFigures {

    private final SurveyItems items;
    private final int minimumSample;
    private final List<String> agreementIds;

    PooledFigures(SurveyItems items, int minimumSample) {
        this.items = items;
        this.minimumSample = minimumSample;
        this.agreementIds = items.agreementItems().stream().map(q -> q.id()).toList();
    }

    Share positive(List<ScoreRow> rows, Predicate<ScoreRow> offices) {
        return Share.of(Indicators.positiveShare(sum(rows, offices.and(this::isAgreement)), minimumSample));
    }

    /** How many 1–10 items reach the minimum sample (all audiences together). */
    int sufficientItems(List<ScoreRow> rows, Predicate<ScoreRow> offices) {
        int sufficient = 0;
        for (String id : agreementIds) {
            ScoreCounts counts = sum(rows, offices.and(this::isAgreement).and(r -> r.questionId().equals(id)));
            if (Indicators.positiveShare(counts, minimumSample).sufficient()) {
                sufficient++;
            }
        }
        return sufficient;
    }

    int itemCount() {
        return agreementIds.size();
    }

    ScoreCounts kioskButtons(List<ScoreRow> rows, Predicate<ScoreRow> offices) {
        return sum(rows, offices.and(r -> r.surveyId().equals(SurveyItems.KIOSK_SURVEY)
                && r.questionId().equals(items.kioskQuestion())));
    }

    Share kioskSatisfaction(ScoreCounts buttons) {
        return Share.of(Indicators.kioskSatisfaction(buttons, minimumSample));
    }

    static long responses(List<ResponseRow> rows, Predicate<ResponseRow> filter) {
        return rows.stream().filter(filter).mapToLong(ResponseRow::responses).sum();
    }

    private boolean isAgreement(ScoreRow row) {
        return SurveyItems.QUESTIONNAIRES.contains(row.surveyId()) && agreementIds.contains(row.questionId());
    }

    private static ScoreCounts sum(List<ScoreRow> rows, Predicate<ScoreRow> filter) {
        ScoreCounts total = ScoreCounts.empty();
        for (ScoreRow row : rows) {
            if (filter.test(row)) {
                total = total.plus(row.counts());
            }
        }
        return total;
    }
}
