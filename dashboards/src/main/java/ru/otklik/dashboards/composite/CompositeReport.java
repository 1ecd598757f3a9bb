package ru.otklik.dashboards.composite;

import java.util.List;
import java.util.Optional;
import ru.otklik.common.checklist.ReportingPeriod;

/**
 * The composite index of one scope as the API and the page show it: the figures of a period under one methodology
 * version (the version on every figure), the previous period under the same version with the delta, and the
 * region's best office in that version and period.
 */
public final class CompositeReport {

    /** The previous period of the same version: its index and this period's change against it (null if unknown). */
    public record Previous(String period, Double index, Double delta, int methodologyVersion) {
    }

    public record View(String scopeLevel, String scopeCode, String regionCode, int methodologyVersion, String period,
                       boolean live, List<Integer> versions, CompositeQuery.Part index, List<CompositeQuery.Part> groups,
                       List<CompositeQuery.Part> indicators, Previous previous, CompositeQuery.Best bestOffice) {
    }

    private final CompositeQuery query;
    private final java.util.function.IntFunction<List<String>> order;

    /**
     * @param order the group and indicator codes of a methodology version in the variant's order (groups and
     *              indicators are listed so; codes it does not name follow, alphabetically)
     */
    public CompositeReport(CompositeQuery query, java.util.function.IntFunction<List<String>> order) {
        this.query = query;
        this.order = order;
    }

    private List<CompositeQuery.Part> sorted(List<CompositeQuery.Part> parts, int version) {
        List<String> codes = order.apply(version);
        return parts.stream().sorted(java.util.Comparator
                .comparingInt((CompositeQuery.Part p) -> codes.indexOf(p.component()) < 0 ? Integer.MAX_VALUE
                        : codes.indexOf(p.component()))
                .thenComparing(CompositeQuery.Part::component)).toList();
    }

    /**
     * @param version null: the newest version with rows for the scope
     * @param period  null: the newest period of that version with rows (the current one while it is live)
     * @param region  the scope's region (for the best office), null for the federal level
     * @return empty when the scope has no rows at all (or none for the version/period asked)
     */
    public Optional<View> view(String level, String code, String region, Integer version, String period) {
        List<CompositeQuery.VersionRows> versions = query.versions(level, code);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        CompositeQuery.VersionRows chosen = version == null ? versions.get(0)
                : versions.stream().filter(v -> v.methodologyVersion() == version).findFirst().orElse(null);
        if (chosen == null) {
            return Optional.empty();
        }
        int v = chosen.methodologyVersion();
        String p = period == null ? chosen.newestPeriod() : ReportingPeriod.parse(period).code();
        Optional<CompositeQuery.Figures> figures = query.figures(level, code, v, p);
        if (figures.isEmpty()) {
            return Optional.empty();
        }
        CompositeQuery.Figures f = figures.get();
        String previousPeriod = ReportingPeriod.parse(p).previous().code();
        Double before = query.figures(level, code, v, previousPeriod)
                .map(CompositeQuery.Figures::index).filter(i -> i != null && i.hasValue()).map(CompositeQuery.Part::value)
                .orElse(null);
        Double now = f.index() != null && f.index().hasValue() ? f.index().value() : null;
        Previous previous = new Previous(previousPeriod, before, before == null || now == null ? null : now - before, v);
        String regionCode = region != null ? region : f.regionCode();
        CompositeQuery.Best best = regionCode == null || regionCode.isEmpty() || "federal".equals(level) ? null
                : query.bestOffice(regionCode, v, p).orElse(null);
        return Optional.of(new View(level, code, regionCode, v, p, f.live(),
                versions.stream().map(CompositeQuery.VersionRows::methodologyVersion).toList(), f.index(), sorted(f.groups(), v),
                sorted(f.indicators(), v), previous, best));
    }

    public List<CompositeQuery.Point> series(String level, String code, Integer version) {
        Integer v = version;
        if (v == null) {
            List<CompositeQuery.VersionRows> versions = query.versions(level, code);
            if (versions.isEmpty()) {
                return List.of();
            }
            v = versions.get(0).methodologyVersion();
        }
        return query.series(level, code, v);
    }
}
