package ru.otklik.dashboards.figures;

/**
 * The headline figures of one place (an office in a ranking, a region, the federal total), all
 * audiences together, from the rows the streaming job writes for that place.
 *
 * @param responses              responses of every survey (forms and kiosk taps)
 * @param questionnaireResponses forms of the two job-centre questionnaires
 * @param positive               all 1–10 items of both questionnaires pooled (positive answers / answered);
 *                               its interval treats answers as independent, so it is a guide for ranking,
 *                               not a per-item figure
 * @param sufficientItems        how many of the {@code items} 1–10 items reach the minimum sample
 */
public record PlaceSummary(long responses, long questionnaireResponses, Share positive, int items, int sufficientItems,
                           long kioskTaps, Share kioskSatisfaction) {
}
