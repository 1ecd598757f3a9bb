package ru.otklik.dashboards.composite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * Reads {@code otklik.composite_index} (infra/clickhouse V012) with {@code FINAL}: the last version of every row of
 * the key, never a replaced one. Every literal is a whitelisted code ({@link SqlCode}), a parsed period or a number.
 */
public final class CompositeQuery {

    public static final List<String> SCOPE_LEVELS = List.of("office", "managing", "region", "federal");

    /** One part of the index: the index itself (code ""), a group or an indicator, as the job wrote it. */
    public record Part(String component, String groupCode, String kind, boolean hasValue, Double value, String status,
                       long n, long positive, double points, double maxPoints, double weight, int methodologyVersion) {
    }

    /** A scope's figures for one period under one version. */
    public record Figures(int methodologyVersion, String period, String regionCode, boolean live, Part index,
                          List<Part> groups, List<Part> indicators) {
    }

    /** A version with rows for the scope, and its newest period. */
    public record VersionRows(int methodologyVersion, String newestPeriod) {
    }

    public record Point(String period, String periodStart, boolean hasValue, Double value, String status, long n,
                        int methodologyVersion) {
    }

    public record Best(String officeCode, double value, int methodologyVersion, String period) {
    }

    private static final String TABLE = "otklik.composite_index FINAL";
    private final ClickHouseReader reader;

    public CompositeQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** The versions with index rows for the scope, newest first. */
    public List<VersionRows> versions(String level, String code) {
        List<VersionRows> out = new ArrayList<>();
        for (ResultRow r : reader.select("SELECT methodology_version, argMax(period, period_start) AS newest FROM "
                + TABLE + " WHERE " + scope(level, code) + " AND component_level = 'index'"
                + " GROUP BY methodology_version ORDER BY methodology_version DESC")) {
            out.add(new VersionRows((int) r.longValue("methodology_version"), r.text("newest")));
        }
        return out;
    }

    public Optional<Figures> figures(String level, String code, int version, String period) {
        List<ResultRow> rows = reader.select("SELECT component_level, component, group_code, kind, has_value, value,"
                + " status, n, positive, points, max_points, weight, live, region_code FROM " + TABLE + " WHERE "
                + scope(level, code) + " AND methodology_version = " + version + " AND period = " + period(period));
        Part index = null;
        List<Part> groups = new ArrayList<>();
        List<Part> indicators = new ArrayList<>();
        boolean live = false;
        String region = "";
        for (ResultRow r : rows) {
            Part p = part(r, version);
            live |= r.longValue("live") == 1;
            region = r.text("region_code");
            switch (r.text("component_level")) {
                case "index" -> index = p;
                case "group" -> groups.add(p);
                case "indicator" -> indicators.add(p);
                default -> { }
            }
        }
        if (index == null && groups.isEmpty() && indicators.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Figures(version, period, region, live, index, groups, indicators));
    }

    /** The index per period of the version, oldest first. */
    public List<Point> series(String level, String code, int version) {
        List<Point> out = new ArrayList<>();
        for (ResultRow r : reader.select("SELECT period, toString(period_start) AS start, has_value, value, status, n FROM "
                + TABLE + " WHERE " + scope(level, code) + " AND methodology_version = " + version
                + " AND component_level = 'index' ORDER BY period_start")) {
            boolean has = r.longValue("has_value") == 1;
            out.add(new Point(r.text("period"), r.text("start"), has, has ? dbl(r, "value") : null, r.text("status"),
                    r.longValue("n"), version));
        }
        return out;
    }

    /** The office of the region with the highest index in the version and period. */
    public Optional<Best> bestOffice(String regionCode, int version, String period) {
        List<ResultRow> rows = reader.select("SELECT scope_code, value FROM " + TABLE + " WHERE scope_level = 'office'"
                + " AND region_code = " + SqlCode.literal(regionCode) + " AND methodology_version = " + version
                + " AND period = " + period(period) + " AND component_level = 'index' AND has_value = 1"
                + " ORDER BY value DESC, scope_code LIMIT 1");
        return rows.stream().findFirst().map(r -> new Best(r.text("scope_code"), dbl(r, "value"), version, period));
    }

    private static Part part(ResultRow r, int version) {
        boolean has = r.longValue("has_value") == 1;
        return new Part(r.text("component"), r.text("group_code"), r.text("kind"), has, has ? dbl(r, "value") : null,
                r.text("status"), r.longValue("n"), r.longValue("positive"), dbl(r, "points"), dbl(r, "max_points"),
                dbl(r, "weight"), version);
    }

    private static double dbl(ResultRow r, String column) {
        return r.node().path(column).asDouble();
    }

    private static String scope(String level, String code) {
        if (!SCOPE_LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown scope level " + level);
        }
        return "scope_level = " + SqlCode.literal(level) + " AND scope_code = " + SqlCode.literal(code);
    }

    private static String period(String period) {
        return SqlCode.literal(ReportingPeriod.parse(period).code());
    }

    static Map<String, Part> byCode(List<Part> parts) {
        Map<String, Part> m = new LinkedHashMap<>();
        parts.forEach(p -> m.put(p.component(), p));
        return m;
    }
}
