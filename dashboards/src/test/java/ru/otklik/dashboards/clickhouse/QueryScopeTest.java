package ru.otklik.dashboards.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.otklik.common.indicator.RollingWindow;
import ru.otklik.common.office.OfficeDirectory;

class QueryScopeTest {

    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();

    @Test
    void whitelistedCodesBecomeLiterals() {
        assertEquals("scope_level = 'office' AND scope_code = 'BRY-01'", QueryScope.office(OFFICES, "BRY-01").placeCondition());
        assertEquals("scope_level = 'region' AND scope_code = 'NIZ'", QueryScope.region(OFFICES, "NIZ").placeCondition());
        assertEquals("scope_level = 'federal' AND scope_code = 'RU'", QueryScope.federal(OFFICES).placeCondition());
        assertEquals("scope_level = 'office' AND scope_code IN ('BRY-01', 'BRY-02', 'BRY-03')",
                QueryScope.region(OFFICES, "BRY").officeRowsCondition());
        assertEquals("scope_level = 'region' AND scope_code IN ('BRY')", QueryScope.office(OFFICES, "BRY-02").regionRowsCondition());
        String federalRegions = QueryScope.federal(OFFICES).regionRowsCondition();
        assertEquals(OFFICES.regions().size(), federalRegions.split(",").length, federalRegions);
        assertEquals("((scope_level = 'region' AND scope_code = 'BRY') OR (scope_level = 'office' AND scope_code IN"
                        + " ('BRY-01', 'BRY-02', 'BRY-03')))",
                QueryScope.region(OFFICES, "BRY").condition(QueryScope.Rows.PLACE, QueryScope.Rows.OFFICES));
        assertThrows(IllegalArgumentException.class, () -> QueryScope.federal(OFFICES).condition());
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
        assertEquals("`window` = '24h'", TimeWindow.DAY.windowCondition());
        // the codes are the job's
        for (TimeWindow w : TimeWindow.values()) {
            assertEquals(w.code(), RollingWindow.fromCode(w.code()).code());
        }
    }

    @Test
    void queriesReadFinalRowsOfWhitelistedScopesAndNeverTheWallClock() {
        String office = WindowRowsQuery.sql(QueryScope.office(OFFICES, "BRY-01").placeCondition(), TimeWindow.DAY,
                List.of("jc-seeker", "pulse"));
        assertTrue(office.contains("FROM otklik.indicator_window FINAL WHERE scope_level = 'office' AND scope_code = 'BRY-01'"
                + " AND `window` = '24h' AND survey_id IN ('jc-seeker', 'pulse')"), office);
        String responses = ResponseWindowQuery.sql(QueryScope.region(OFFICES, "BRY").placeCondition(), TimeWindow.WEEK);
        assertTrue(responses.contains("FROM otklik.response_window FINAL WHERE scope_level = 'region' AND scope_code = 'BRY'"
                + " AND audience = 'all' AND `window` = '7d'"), responses);
        String watermark = WatermarkQuery.sql(QueryScope.federal(OFFICES));
        assertTrue(watermark.contains("FROM otklik.scope_watermark FINAL WHERE scope_level = 'federal' AND scope_code = 'RU'"),
                watermark);
        String history = HistoryQuery.sql(QueryScope.office(OFFICES, "BRY-01"), "seeker", Granularity.HOUR,
                List.of("jc-seeker"), List.of("Q1", "Q2"), Instant.ofEpochSecond(1_790_000_000L),
                Instant.ofEpochSecond(1_790_003_600L), HistoryQuery.Figures.CLEAN);
        assertTrue(history.contains("FROM otklik.indicator_history FINAL WHERE scope_level = 'office'"), history);
        assertTrue(history.contains("ANY LEFT JOIN (SELECT " + "scope_level, scope_code, audience, granularity, bucket_start,"
                + " survey_id, question_id, c0 AS k0"), history);
        assertTrue(history.contains("FROM otklik.indicator_history_clean FINAL WHERE scope_level = 'office'"), history);
        assertTrue(history.contains("audience IN ('seeker') AND granularity = 'hour'"), history);
        assertTrue(history.contains("question_id IN ('Q1', 'Q2') AND bucket_start >= toDateTime(1790000000)"
                + " AND bucket_start < toDateTime(1790003600)"), history);
        for (String sql : List.of(office, responses, watermark, history)) {
            assertFalse(sql.contains("now()"), "spans are relative to the as-of, not the server clock: " + sql);
        }
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.sql(QueryScope.federal(OFFICES), "all' OR '1",
                Granularity.DAY, List.of("jc-seeker"), List.of("Q1"), Instant.now(), Instant.now(),
                HistoryQuery.Figures.RAW));
        assertThrows(IllegalArgumentException.class,
                () -> WindowRowsQuery.sql("1", TimeWindow.QUARTER, List.of("x' OR '1")));
    }

    @Test
    void theAsOfIsTheWatermarkUnlessARowReadIsNewer() {
        Instant friday = Instant.parse("2026-11-27T15:00:00Z");
        WindowRow older = new WindowRow("office", "BRY-01", "all", "jc-seeker", "Q1", friday.minusSeconds(3600),
                ru.otklik.common.indicator.ScoreCounts.empty());
        assertEquals(friday.toString(), WatermarkQuery.asOf(Optional.of(friday), List.of(older)),
                "a row that did not change keeps its older as_of; the place's watermark holds");
        ResponseWindowRow newer = new ResponseWindowRow("office", "BRY-01", "jc-seeker", friday.plusSeconds(1), 3, 0);
        assertEquals(friday.plusSeconds(1).toString(), WatermarkQuery.asOf(Optional.of(friday), List.of(older), List.of(newer)));
        assertEquals(older.asOf().toString(), WatermarkQuery.asOf(Optional.empty(), List.of(older)), "a job without watermarks");
        assertNull(WatermarkQuery.asOf(Optional.empty(), List.of()));
    }
}
