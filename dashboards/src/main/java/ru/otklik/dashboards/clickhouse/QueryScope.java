package ru.otklik.dashboards.clickhouse;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;

/**
 * The place a view is about (an office, a region or the federal total) and the SQL conditions that
 * select its rows in the tables the streaming job writes per {@code (scope_level, scope_code)}:
 * {@code indicator_window}, {@code response_window}, {@code indicator_history}, {@code scope_watermark}.
 * It can only be made from codes found in the {@link OfficeDirectory}, so raw request input never
 * reaches the SQL text; offices and regions of a place are listed from the directory (not
 * {@code LIKE 'BRY-%'}), so a code in the data that the directory does not know stays out.
 */
public final class QueryScope {

    /** Which rows of a place to read: its own, its offices', its regions'. */
    public enum Rows { PLACE, OFFICES, REGIONS }

    private final ScopeLevel level;
    private final String code;
    private final List<String> officeCodes;
    private final List<String> regionCodes;

    private QueryScope(ScopeLevel level, String code, List<String> officeCodes, List<String> regionCodes) {
        this.level = level;
        this.code = code;
        this.officeCodes = officeCodes;
        this.regionCodes = regionCodes;
    }

    public static QueryScope office(OfficeDirectory directory, String officeCode) {
        Office office = directory.office(officeCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown office code: " + officeCode));
        return new QueryScope(ScopeLevel.OFFICE, office.code(), List.of(office.code()), List.of(office.regionCode()));
    }

    public static QueryScope region(OfficeDirectory directory, String regionCode) {
        if (regionCode == null || !directory.hasRegion(regionCode)) {
            throw new IllegalArgumentException("unknown region code: " + regionCode);
        }
        return new QueryScope(ScopeLevel.REGION, regionCode,
                directory.officesOf(regionCode).stream().map(Office::code).toList(), List.of(regionCode));
    }

    public static QueryScope federal(OfficeDirectory directory) {
        return new QueryScope(ScopeLevel.FEDERAL, ScopeLevel.FEDERAL_CODE,
                directory.regions().keySet().stream().flatMap(r -> directory.officesOf(r).stream()).map(Office::code).toList(),
                List.copyOf(directory.regions().keySet()));
    }

    public ScopeLevel level() {
        return level;
    }

    public String code() {
        return code;
    }

    /** The rows of the place itself ({@code office BRY-01}, {@code region BRY}, {@code federal RU}). */
    public String placeCondition() {
        return "scope_level = " + SqlCode.literal(level.code()) + " AND scope_code = " + SqlCode.literal(code);
    }

    /** The office rows of every office within the place (for rankings and lists of offices). */
    public String officeRowsCondition() {
        return rowsOf(ScopeLevel.OFFICE, officeCodes);
    }

    /** The region rows of every region within the place (the federal overview's list of regions). */
    public String regionRowsCondition() {
        return rowsOf(ScopeLevel.REGION, regionCodes);
    }

    /** The rows asked for, in one condition (one query instead of one per kind; callers split by scope_level). */
    public String condition(Rows... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows asked for");
        }
        return "(" + java.util.Arrays.stream(rows).distinct().map(r -> switch (r) {
            case PLACE -> placeCondition();
            case OFFICES -> officeRowsCondition();
            case REGIONS -> regionRowsCondition();
        }).map(c -> "(" + c + ")").collect(Collectors.joining(" OR ")) + ")";
    }

    private static String rowsOf(ScopeLevel level, Collection<String> codes) {
        return "scope_level = " + SqlCode.literal(level.code()) + " AND scope_code IN ("
                + codes.stream().map(SqlCode::literal).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        return level.code() + " " + code;
    }
}
