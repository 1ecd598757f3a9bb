package ru.otklik.dashboards.region;

import ru.otklik.dashboards.figures.PlaceSummary;
import ru.otklik.dashboards.figures.Share;

/**
 * One region in the federal overview: the region's own rows (the job writes them; offices are not pooled
 * here), and how many of its offices have responses in the window (their office rows); its rank among the regions
 * (by the share of positive answers, those with "insufficient data" last) and its network (domain §7: the index has a
 * variant for centralised and one for decentralised regions).
 */
public record RegionSummary(int rank, String region, String name, String network, int offices,
                            int officesWithResponses, long responses, Share positive, long kioskTaps,
                            Share kioskSatisfaction) {

    static RegionSummary of(String region, String name, String network, int offices, int officesWithResponses,
                            PlaceSummary s) {
        return new RegionSummary(0, region, name, network, offices, officesWithResponses, s.responses(), s.positive(),
                s.kioskTaps(), s.kioskSatisfaction());
    }

    RegionSummary ranked(int newRank) {
        return new RegionSummary(newRank, region, name, network, offices, officesWithResponses, responses, positive,
                kioskTaps, kioskSatisfaction);
    }

    /** Sufficient samples first, by share (highest first), then the rest by share; ties by region code. */
    static final java.util.Comparator<RegionSummary> RANKING = java.util.Comparator
            .comparing((RegionSummary r) -> !r.positive().sufficient())
            .thenComparing(r -> r.positive().share() == null ? -1 : r.positive().share(),
                    java.util.Comparator.reverseOrder())
            .thenComparing(RegionSummary::region);
}
