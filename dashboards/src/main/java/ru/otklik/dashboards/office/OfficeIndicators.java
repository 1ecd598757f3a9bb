package ru.otklik.dashboards.office;

import java.util.List;
import java.util.Map;

/**
 * Everything the live office page shows, as {@code GET /api/v1/offices/{office}/indicators} returns it.
 * {@code asOf}: the office's watermark every figure here is as of, counts included (null before the job's
 * first write); {@code updatedAt}: the wall clock when the answer was made, so a page can say how old the figures are.
 * The figures at the top level are raw (every response counted); {@code clean} the same without the
 * responses under an open or confirmed fraud flag, or null when no flag excludes any in this window.
 * {@code previous}: the items in the period of the same length before, with the change against the raw figures.
 */
public record OfficeIndicators(String office, String officeName, String region, String regionName, String window,
                               String language, int minimumSample, long responses, Map<String, Long> responsesBySurvey,
                               long suppressedPresses, Map<String, List<IndicatorFigure>> byAudience,
                               KioskFigures kiosk, PulseFigures pulse, Clean clean, String updatedAt,
                               String asOf, PeriodComparison previous,
                               Map<String, Map<String, RegionBest>> regionBest) {

    /**
     * The region's best office for an item (issue 14 §3): the highest clean share among the region's offices with a
     * sufficient sample in the same window (the office itself included); absent when none has one.
     */
    public record RegionBest(String officeCode, String officeName, long n, double share) {
    }


    /** The clean figures: {@code excludedResponses} left out, {@code responses} counted. */
    public record Clean(long excludedResponses, long responses, Map<String, Long> responsesBySurvey,
                        Map<String, List<IndicatorFigure>> byAudience, KioskFigures kiosk, PulseFigures pulse) {
    }
}
