package ru.otklik.dashboards.region;

import ru.otklik.dashboards.figures.PlaceSummary;
import ru.otklik.dashboards.figures.Share;

/**
 * One office in a region's ranking, from the office's own rows ({@link PlaceSummary}: {@code positive}
 * pools all 1–10 items of both questionnaires; {@code sufficientItems} of {@code items} reach the minimum sample),
 * clean: without the {@code excludedResponses} under a fraud flag ({@code rawPositive}: the share with them).
 */
public record OfficeSummary(int rank, String office, String name, long responses, long questionnaireResponses,
                            Share positive, int items, int sufficientItems, long kioskTaps,
                            Share kioskSatisfaction, long excludedResponses, Share rawPositive) {

    /** {@code s} clean; {@code rawPositive} the raw pooled share when {@code excludedResponses} > 0, else null. */
    static OfficeSummary of(int rank, String office, String name, PlaceSummary s, long excludedResponses,
                            Share rawPositive) {
        return new OfficeSummary(rank, office, name, s.responses(), s.questionnaireResponses(), s.positive(), s.items(),
                s.sufficientItems(), s.kioskTaps(), s.kioskSatisfaction(), excludedResponses, rawPositive);
    }

    OfficeSummary ranked(int newRank) {
        return new OfficeSummary(newRank, office, name, responses, questionnaireResponses, positive, items,
                sufficientItems, kioskTaps, kioskSatisfaction, excludedResponses, rawPositive);
    }
}
