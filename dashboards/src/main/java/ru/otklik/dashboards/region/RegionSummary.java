package ru.otklik.dashboards.region;

import ru.otklik.dashboards.figures.Share;

/** One region in the federal overview: all its offices pooled. */
public record RegionSummary(String region, String name, int offices, int officesWithResponses, long responses,
                            Share positive, long kioskTaps, Share kioskSatisfaction) {
}
