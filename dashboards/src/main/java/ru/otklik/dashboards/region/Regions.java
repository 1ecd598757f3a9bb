package ru.otklik.dashboards.region;

import java.util.List;

/** {@code GET /api/v1/regions}: every region of the directory, in code order. */
public record Regions(String window, int minimumSample, List<RegionSummary> regions, String updatedAt,
                      String asOf) {
}
