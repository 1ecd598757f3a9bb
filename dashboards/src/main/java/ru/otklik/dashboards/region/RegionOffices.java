package ru.otklik.dashboards.region;

import java.util.List;
import ru.otklik.dashboards.figures.PlaceSummary;

/**
 * {@code GET /api/v1/regions/{region}/offices}: the region's own figures ({@code total}, from its region
 * rows) and its offices ranked by pooled positive share (their office rows); all as of {@code asOf}, the
 * region's watermark ({@code updatedAt} is the wall clock of the answer). Clean figures:
 * {@code excludedResponses} of the region under fraud flags are left out.
 */
public record RegionOffices(String region, String regionName, String window, int minimumSample, PlaceSummary total,
                            long excludedResponses, List<OfficeSummary> offices, String updatedAt, String asOf,
                            Previous previous) {

    /**
     * Each office's pooled share in the period of the same length before the window (issue 14 §3), against its
     * pooled share in the window, both clean: the change, marked significant only by the two-proportion test with
     * both periods at the minimum sample.
     */
    public record Previous(String from, String to,
                           java.util.Map<String, ru.otklik.dashboards.office.PeriodComparison.Item> byOffice) {
    }
}
