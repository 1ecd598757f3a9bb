package ru.otklik.dashboards.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.QueryScope;

/** The watcher's one question: which rows each kind of page watches, and nothing heavy (no FINAL, no figures). */
class ScopeStateQueryTest {

    private static final OfficeDirectory PILOT = OfficeDirectory.pilot();

    @Test
    void anOfficeWatchesItsOwnRowsOnly() {
        String sql = ScopeStateQuery.sql(QueryScope.office(PILOT, "BRY-01"), "office_code = 'BRY-01'");
        assertTrue(sql.contains("scope_level = 'office' AND scope_code = 'BRY-01'"), sql);
        assertFalse(sql.contains("scope_level = 'region'"), sql);
        for (String table : new String[] {"indicator_window ", "response_window ", "indicator_window_clean ",
                "response_window_clean ", "scope_watermark ", "alerts "}) {
            assertTrue(sql.contains("FROM otklik." + table), table + " in " + sql);
        }
        assertFalse(sql.contains("FINAL"), "no merging at read time: counts and maxima only");
        assertEquals(6, sql.split("UNION ALL", -1).length, "one query, six tables");
    }

    @Test
    void aRegionWatchesItsOfficesTooAndTheFederalPageItsRegions() {
        String region = ScopeStateQuery.sql(QueryScope.region(PILOT, "BRY"), "region_code = 'BRY'");
        assertTrue(region.contains("scope_level = 'region' AND scope_code = 'BRY'"), region);
        assertTrue(region.contains("scope_level = 'office' AND scope_code IN ('BRY-01', 'BRY-02', 'BRY-03')"), region);
        String federal = ScopeStateQuery.sql(QueryScope.federal(PILOT), "1");
        assertTrue(federal.contains("scope_level = 'federal' AND scope_code = 'RU'"), federal);
        assertTrue(federal.contains("scope_level = 'region' AND scope_code IN ('BRY'"), federal);
        assertTrue(federal.contains("FROM otklik.alerts WHERE 1"), federal);
    }
}
