package ru.otklik.dashboards.office;

import java.util.List;
import java.util.Map;

/**
 * Everything the live office page shows, as {@code GET /api/v1/offices/{office}/indicators} returns it.
 * {@code asOf}: the office's watermark every figure here is as of, counts included (null before the job's
 * first write); {@code updatedAt}: the wall clock when the answer was made, so a page can say how old the figures are.
 */
public record OfficeIndicators(String office, String officeName, String region, String regionName, String window,
                               String language, int minimumSample, long responses, Map<String, Long> responsesBySurvey,
                               long suppressedPresses, Map<String, List<IndicatorFigure>> byAudience,
                               KioskFigures kiosk, PulseFigures pulse, String updatedAt,
                               String asOf) {
}
