package ru.otklik.dashboards.office;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/offices/{office}/breakdown}: the tracked item per channel, touchpoint and employee
 * of the office for a window and audience. Only codes with answers in the window are listed.
 */
public record OfficeBreakdown(String office, String window, String questionId, String label, String audience,
                              int minimumSample, Map<String, List<BreakdownFigure>> byLevel, String asOf) {
}
