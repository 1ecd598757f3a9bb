package ru.otklik.common.methodology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import ru.otklik.common.checklist.ObjectiveRules;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.survey.LocalizedText;

/**
 * A published methodology version (domain §7), immutable once published: what the composite index is made of,
 * how each indicator is normalised (subjective share 0–1, objective points / max), the group weights, the minimum
 * sample, the period, suspended indicators, and one variant per region network. The dashboards' methodologists
 * publish it to Kafka topic {@code methodology.versions} (keyed by version, kept forever); the streaming job
 * computes the index under every version in force for a period and writes the version with every value.
 *
 * @param validFrom first day the version is in force
 * @param validTo   first day it no longer is, or null (open-ended)
 * @param changeNote what changed against the previous version, in the methodologist's words
 */
public record Methodology(int version, LocalizedText title, LocalDate validFrom, LocalDate validTo,
                          ReportingPeriod.Kind period, int minimumSample, ObjectiveRules objectiveRules,
                          Map<RegionNetwork, MethodologyVariant> variants, Instant publishedAt, String changeNote) {

    public Methodology {
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
        if (validFrom == null) {
            throw new IllegalArgumentException("validFrom is required");
        }
        if (validTo != null && !validTo.isAfter(validFrom)) {
            throw new IllegalArgumentException("validTo must be after validFrom");
        }
        if (period == null) {
            throw new IllegalArgumentException("period is required (month, quarter or year)");
        }
        if (minimumSample < 1) {
            throw new IllegalArgumentException("minimumSample must be 1 or more");
        }
        if (objectiveRules == null) {
            throw new IllegalArgumentException("objectiveRules are required");
        }
        EnumMap<RegionNetwork, MethodologyVariant> copy = new EnumMap<>(RegionNetwork.class);
        copy.putAll(variants);
        for (RegionNetwork n : RegionNetwork.values()) {
            if (!copy.containsKey(n)) {
                throw new IllegalArgumentException("a variant for " + n.name().toLowerCase() + " regions is required");
            }
        }
        variants = java.util.Collections.unmodifiableMap(copy);
        changeNote = changeNote == null ? "" : changeNote;
    }

    public MethodologyVariant variant(RegionNetwork network) {
        return variants.get(network);
    }

    /** Whether the version is in force for (some day of) the period. */
    public boolean inForce(ReportingPeriod p) {
        return p.end().isAfter(validFrom) && (validTo == null || validTo.isAfter(p.start()));
    }
}
