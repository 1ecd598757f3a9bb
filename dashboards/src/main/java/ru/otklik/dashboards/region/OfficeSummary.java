package ru.otklik.dashboards.region;

import ru.otklik.dashboards.figures.Share;

/**
 * One office in a region's ranking. {@code positive} pools all 1–10 items of both questionnaires
 * (positive answers / answered); its interval treats answers as independent, so it is a guide for
 * ranking, not a per-item figure. {@code sufficientItems} of {@code items} reach the minimum sample.
 */
public record OfficeSummary(int rank, String office, String name, long responses, long questionnaireResponses,
                            Share positive, int items, int sufficientItems, long kioskTaps,
                            Share kioskSatisfaction) {
}
