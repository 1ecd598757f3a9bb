package ru.otklik.dashboards.region;

import java.util.List;
import ru.otklik.dashboards.figures.PlaceSummary;

/**
 * {@code GET /api/v1/regions}: the federal total ({@code total}, from the federal rows) and every region
 * of the directory in code order (their region rows); all as of {@code asOf}, the federal watermark.
 */
public record Regions(String window, int minimumSample, PlaceSummary total, List<RegionSummary> regions,
                      String updatedAt, String asOf) {
}
