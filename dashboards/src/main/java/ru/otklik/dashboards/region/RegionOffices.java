package ru.otklik.dashboards.region;

import java.util.List;

/** {@code GET /api/v1/regions/{region}/offices}: the region's offices ranked by pooled positive share. */
public record RegionOffices(String region, String regionName, String window, int minimumSample,
                            List<OfficeSummary> offices, String updatedAt, String asOf) {
}
