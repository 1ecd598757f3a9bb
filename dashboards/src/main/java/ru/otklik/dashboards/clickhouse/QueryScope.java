package ru.otklik.dashboards.clickhouse;

import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;

/**
 * Which offices a query reads, as a SQL condition. It can only be made from codes found in the
 * {@link OfficeDirectory}, so raw request input never reaches the SQL text.
 */
public final class QueryScope {

    private final String condition;
    private final String description;

    private QueryScope(String condition, String description) {
        this.condition = condition;
        this.description = description;
    }

    public static QueryScope office(OfficeDirectory directory, String officeCode) {
        Office office = directory.office(officeCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown office code: " + officeCode));
        return new QueryScope("office_code = " + SqlCode.literal(office.code()), "office " + office.code());
    }

    public static QueryScope region(OfficeDirectory directory, String regionCode) {
        if (regionCode == null || !directory.hasRegion(regionCode)) {
            throw new IllegalArgumentException("unknown region code: " + regionCode);
        }
        return new QueryScope("region_code = " + SqlCode.literal(regionCode), "region " + regionCode);
    }

    public static QueryScope everything() {
        return new QueryScope("1", "all regions");
    }

    public String condition() {
        return condition;
    }

    @Override
    public String toString() {
        return description;
    }
}
