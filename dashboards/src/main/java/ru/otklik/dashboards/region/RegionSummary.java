package ru.otklik.dashboards.region;

import ru.otklik.dashboards.figures.PlaceSummary;
import ru.otklik.dashboards.figures.Share;

/**
 * One region in the federal overview: the region's own rows (the job writes them; offices are not pooled
 * here), and how many of its offices have responses in the window (their office rows).
 */
public record RegionSummary(String region, String name, int offices, int officesWithResponses, long responses,
                            Share positive, long kioskTaps, Share kioskSatisfaction) {

    static RegionSummary of(String region, String name, int offices, int officesWithResponses, PlaceSummary s) {
        return new RegionSummary(region, name, offices, officesWithResponses, s.responses(), s.positive(), s.kioskTaps(),
                s.kioskSatisfaction());
    }
}
