package ru.otklik.dashboards.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;

class QueryScopeTest {

    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();

    @Test
    void whitelistedCodesBecomeLiterals() {
        assertEquals("office_code = 'BRY-01'", QueryScope.office(OFFICES, "BRY-01").condition());
        assertEquals("region_code = 'NIZ'", QueryScope.region(OFFICES, "NIZ").condition());
        assertEquals("1", QueryScope.everything().condition());
    }

    @Test
    void codesOutsideTheDirectoryAreRejected() {
        for (String bad : List.of("BRY-99", "bry-01", "BRY-01' OR 1=1 --", "BRY-01'", "", " BRY-01")) {
            assertThrows(IllegalArgumentException.class, () -> QueryScope.office(OFFICES, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> QueryScope.office(OFFICES, null));
        for (String bad : List.of("XXX", "BRY'--", "BRY-01", "")) {
            assertThrows(IllegalArgumentException.class, () -> QueryScope.region(OFFICES, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> QueryScope.region(OFFICES, null));
    }

    @Test
    void sqlLiteralRefusesAnythingButPlainCodes() {
        assertEquals("'jc-seeker'", SqlCode.literal("jc-seeker"));
        for (String bad : List.of("a'b", "a\\b", "a b", "a;b", "", "x".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> SqlCode.literal(bad), bad);
        }
    }

    @Test
    void windowsComeOnlyFromTheEnum() {
        assertEquals(TimeWindow.MONTH, TimeWindow.parse(null).orElseThrow());
        assertEquals(TimeWindow.HOUR, TimeWindow.parse("1h").orElseThrow());
        assertEquals(TimeWindow.QUARTER, TimeWindow.parse("quarter").orElseThrow());
        assertEquals(TimeWindow.QUARTER, TimeWindow.parse("all").orElseThrow(), "the old 'all' is the quarter now");
        assertTrue(TimeWindow.parse("1 HOUR) OR (1=1").isEmpty());
        assertTrue(TimeWindow.parse("90d").isEmpty());
        Instant now = Instant.parse("2026-11-27T08:30:00Z");
        assertEquals("bucket_start >= now() - INTERVAL 7 DAY", TimeWindow.WEEK.condition(now));
        assertEquals("bucket_start >= toDateTime(" + Instant.parse("2026-10-01T00:00:00Z").getEpochSecond() + ")",
                TimeWindow.QUARTER.condition(now));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), TimeWindow.quarterStart(Instant.parse("2026-03-31T23:59:59Z")));
        assertEquals("`window` = '24h'", TimeWindow.DAY.windowCondition());
    }

    @Test
    void windowAndHistoryQueriesReadFinalRowsOfWhitelistedScopes() {
        String office = WindowRowsQuery.sql(QueryScope.office(OFFICES, "BRY-01").officeRowsCondition(), TimeWindow.DAY,
                List.of("jc-seeker", "pulse"));
        assertTrue(office.contains("FROM otklik.indicator_window FINAL WHERE scope_level = 'office' AND scope_code = 'BRY-01'"
                + " AND `window` = '24h' AND survey_id IN ('jc-seeker', 'pulse')"), office);
        assertTrue(QueryScope.region(OFFICES, "BRY").officeRowsCondition()
                .equals("scope_level = 'office' AND scope_code IN ('BRY-01', 'BRY-02', 'BRY-03')"));
        String history = HistoryQuery.sql(QueryScope.office(OFFICES, "BRY-01"), "seeker", Granularity.HOUR,
                List.of("jc-seeker"), List.of("Q1", "Q2"), Instant.ofEpochSecond(1_790_000_000L));
        assertTrue(history.contains("FROM (SELECT bucket_start"), history);
        assertTrue(history.contains("FROM otklik.indicator_history FINAL WHERE scope_level = 'office'"), history);
        assertTrue(history.contains("audience = 'seeker' AND granularity = 'hour'"), history);
        assertTrue(history.contains("question_id IN ('Q1', 'Q2') AND bucket_start >= toDateTime(1790000000)"), history);
        assertTrue(ResponseSumsQuery.sql(QueryScope.region(OFFICES, "BRY"), TimeWindow.HOUR, Instant.now())
                .contains("FROM otklik.response_minute FINAL WHERE region_code = 'BRY' AND bucket_start >= now()"));
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.sql(QueryScope.everything(), "all' OR '1",
                Granularity.DAY, List.of("jc-seeker"), List.of("Q1"), Instant.now()));
        assertThrows(IllegalArgumentException.class,
                () -> WindowRowsQuery.sql("1", TimeWindow.QUARTER, List.of("x' OR '1")));
    }
}
