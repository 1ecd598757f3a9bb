package ru.otklik.dashboards.region;

import java.util.List;
import ru.otklik.dashboards.figures.PlaceSummary;

/**
 * {@code GET /api/v1/regions}: the federal total ({@code total}, from the federal rows) and every region
 * of the directory in code order (their region rows); all as of {@code asOf}, the federal watermark.
 */
public record Regions(String window, int minimumSample, PlaceSummary total, List<RegionSummary> regions,
                      String updatedAt, String asOf, Previous previous) {

    /**
     * The federal total and each region in the period of the same length before the window (issue 14 §3), pooled
     * over the 1–10 items, against the same figure now, both clean; marked significant only by the two-proportion test.
     */
    public record Previous(String from, String to, ru.otklik.dashboards.office.PeriodComparison.Item total,
                           java.util.Map<String, ru.otklik.dashboards.office.PeriodComparison.Item> byRegion) {
    }
}
