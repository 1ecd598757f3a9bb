package ru.otklik.dashboards.office;

import java.util.List;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;

/**
 * What the history, profile and breakdown charts follow: one 1–10 item, the pooled index of all 1–10
 * items, or kiosk satisfaction. Built only by {@link TrackedItems} from the survey catalog, so its
 * codes are safe to put into SQL.
 *
 * @param kiosk kiosk satisfaction (buttons 3–4 of 1–4) instead of the 8–10 share; visitors only, so
 *              the audience is always "all"
 */
public record TrackedItem(String id, String labelRu, String labelEn, List<String> surveyIds, List<String> questionIds,
                          boolean kiosk) {

    public String label(String language) {
        return "en".equals(language) ? labelEn : labelRu;
    }

    public ShareEstimate share(ScoreCounts counts, int minimumSample) {
        return kiosk ? Indicators.kioskSatisfaction(counts, minimumSample) : Indicators.positiveShare(counts, minimumSample);
    }

    /** Kiosk taps come from visitors: the seeker/employer split does not apply. */
    public String audience(String requested) {
        return kiosk ? ScopeLevel.ALL_AUDIENCES : requested;
    }
}
