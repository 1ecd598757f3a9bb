package ru.otklik.dashboards.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(TimeWindow.ALL, TimeWindow.parse("all").orElseThrow());
        assertTrue(TimeWindow.parse("1 HOUR) OR (1=1").isEmpty());
        assertTrue(TimeWindow.parse("90d").isEmpty());
        assertEquals("bucket_start >= now() - INTERVAL 7 DAY", TimeWindow.WEEK.condition());
    }

    @Test
    void scoreSumsReadFinalRowsInASubquery() {
        String sql = ScoreSumsQuery.sql(QueryScope.office(OFFICES, "BRY-01"), TimeWindow.DAY, List.of("jc-seeker", "pulse"));
        assertTrue(sql.contains("FROM (SELECT"), sql);
        assertTrue(sql.contains("FROM otklik.answer_minute FINAL WHERE office_code = 'BRY-01'"), sql);
        assertTrue(sql.contains("survey_id IN ('jc-seeker', 'pulse')"), sql);
        assertTrue(ResponseSumsQuery.sql(QueryScope.region(OFFICES, "BRY"), TimeWindow.ALL)
                .contains("FROM otklik.response_minute FINAL WHERE region_code = 'BRY' AND 1"));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreSumsQuery.sql(QueryScope.everything(), TimeWindow.ALL, List.of("x' OR '1")));
    }
}
