package ru.otklik.dashboards.clickhouse;

import java.util.stream.Collectors;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;

/**
 * Which offices a query reads, as SQL conditions: one on the minute tables ({@code office_code},
 * {@code region_code}) and one on the office rows of the indicator tables ({@code scope_level = 'office'}).
 * It can only be made from codes found in the {@link OfficeDirectory}, so raw request input never
 * reaches the SQL text.
 */
public final class QueryScope {

    private final String condition;
    private final String officeRowsCondition;
    private final String description;

    private QueryScope(String condition, String officeRowsCondition, String description) {
        this.condition = condition;
        this.officeRowsCondition = officeRowsCondition;
        this.description = description;
    }

    public static QueryScope office(OfficeDirectory directory, String officeCode) {
        Office office = directory.office(officeCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown office code: " + officeCode));
        String literal = SqlCode.literal(office.code());
        return new QueryScope("office_code = " + literal, "scope_level = 'office' AND scope_code = " + literal,
                "office " + office.code());
    }

    public static QueryScope region(OfficeDirectory directory, String regionCode) {
        if (regionCode == null || !directory.hasRegion(regionCode)) {
            throw new IllegalArgumentException("unknown region code: " + regionCode);
        }
        // the region's offices from the directory (not LIKE 'BRY-%'): an unknown code in the data stays out
        String offices = directory.officesOf(regionCode).stream().map(o -> SqlCode.literal(o.code()))
                .collect(Collectors.joining(", "));
        return new QueryScope("region_code = " + SqlCode.literal(regionCode),
                "scope_level = 'office' AND scope_code IN (" + offices + ")", "region " + regionCode);
    }

    public static QueryScope everything() {
        return new QueryScope("1", "scope_level = 'office'", "all regions");
    }

    /** Condition on the minute tables ({@code answer_minute}, {@code response_minute}). */
    public String condition() {
        return condition;
    }

    /** Condition selecting the per-office rows of {@code indicator_window} / {@code indicator_history}. */
    public String officeRowsCondition() {
        return officeRowsCondition;
    }

    @Override
    public String toString() {
        return description;
    }
}
