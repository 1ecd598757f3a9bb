package ru.otklik.streaming.composite;

import ru.otklik.common.methodology.CompositeIndex;

/**
 * One region's part of the federal index for one methodology version and period, as the region stage last computed
 * it: what {@link CompositeIndex#federal} pools, with the version's minimum sample and the figures the federal rows'
 * {@code version}, {@code live} and {@code updated_ts} are derived from.
 */
public record RegionIndexPart(int methodologyVersion, String period, long periodStart, int minimumSample,
                              CompositeIndex.RegionPart part, long version, boolean live, long updatedTs) {

    /** The federal stage's one key. */
    public String federalKey() {
        return "RU";
    }
}
