package ru.otklik.dashboards.report;

import java.util.Optional;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.clickhouse.QueryScope;

/**
 * What a weekly report is about: an office ({@code office:BRY-01}) or a region ({@code region:BRY}). Made only from
 * codes the {@link OfficeDirectory} knows, so it is safe in SQL and in a file name.
 */
public record ReportScope(String level, String code, String name, String regionCode, String regionName) {

    public static final String OFFICE = "office";
    public static final String REGION = "region";

    /** Empty for a malformed value or a code the directory does not know. */
    public static Optional<ReportScope> parse(String value, OfficeDirectory directory) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String level = value.substring(0, colon);
        String code = value.substring(colon + 1);
        if (OFFICE.equals(level)) {
            return directory.office(code).map(ReportScope::of);
        }
        if (REGION.equals(level) && directory.hasRegion(code)) {
            return Optional.of(new ReportScope(REGION, code, directory.regions().get(code), code,
                    directory.regions().get(code)));
        }
        return Optional.empty();
    }

    public static ReportScope of(Office office) {
        return new ReportScope(OFFICE, office.code(), office.name(), office.regionCode(), office.regionName());
    }

    public boolean office() {
        return OFFICE.equals(level);
    }

    /** The week of a place is the week of its region's clock. */
    public java.time.ZoneId zone() {
        return RegionTimeZone.of(regionCode);
    }

    public QueryScope queryScope(OfficeDirectory directory) {
        return office() ? QueryScope.office(directory, code) : QueryScope.region(directory, code);
    }

    /** {@code office:BRY-01}, as the request names it. */
    public String value() {
        return level + ":" + code;
    }
}
