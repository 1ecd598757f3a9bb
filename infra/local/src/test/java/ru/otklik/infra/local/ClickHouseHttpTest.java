package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClickHouseHttpTest {

    private final ClickHouseHttp ch = TestStack.shared().clickHouseHttp();

    @Test
    void insertAndSelectRoundTrip() {
        String id = "r-" + UUID.randomUUID();
        ch.execute("INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, audience, channel,"
                + " mode, region_code, office_code, touchpoint_id, employee_id, score, choice, client_ts, version) VALUES"
                + " (" + ClickHouseHttp.quote(id) + ", 's1', 2, 'q1', 'citizen', 'kiosk', 'full', '77', 'o1', 't1', '',"
                + " 9, '', '2026-11-22 10:15:00', 18446744073709551615),"
                + " (" + ClickHouseHttp.quote(id) + ", 's1', 2, 'q2', 'citizen', 'kiosk', 'full', '77', 'o1', 't1', '',"
                + " NULL, 'it''s', toDateTime(1795000000), 1)");
        List<Map<String, Object>> rows = ch.select("SELECT question_id, score, choice, client_ts, event_date, version"
                + " FROM otklik.answers FINAL WHERE response_id = " + ClickHouseHttp.quote(id) + " ORDER BY question_id");
        assertEquals(2, rows.size());
        assertEquals(9, ClickHouseHttp.asLong(rows.get(0).get("score")));
        assertEquals("2026-11-22 10:15:00", rows.get(0).get("client_ts"), "server time zone must be UTC");
        assertEquals("2026-11-22", rows.get(0).get("event_date"));
        assertEquals("18446744073709551615", rows.get(0).get("version"), "UInt64 arrives quoted, as-is");
        assertNull(rows.get(1).get("score"));
        assertEquals("it's", rows.get(1).get("choice"));
        assertEquals(List.of("question_id", "score", "choice", "client_ts", "event_date", "version"),
                List.copyOf(rows.get(0).keySet()), "columns keep their order");
        assertEquals(2, ch.selectLong("SELECT count() FROM otklik.answers WHERE response_id = " + ClickHouseHttp.quote(id) + ";"));
    }

    @Test
    void serverErrorTextIsInTheException() {
        ClickHouseException e = assertThrows(ClickHouseException.class, () -> ch.select("SELECT * FROM otklik.no_such_table"));
        assertTrue(e.getMessage().contains("no_such_table") && e.getMessage().contains("doesn't exist"), e.getMessage());
    }

    @Test
    void unreachableServerIsAClickHouseException() {
        ClickHouseHttp nowhere = new ClickHouseHttp("http://127.0.0.1:" + Ports.free());
        assertTrue(!nowhere.ping());
        assertThrows(ClickHouseException.class, () -> nowhere.execute("SELECT 1"));
    }

    @Test
    void numberHelpers() {
        assertEquals(42L, ClickHouseHttp.asLong("42"));
        assertEquals(42L, ClickHouseHttp.asLong(42));
        assertEquals(0.5, ClickHouseHttp.asDouble("0.5"));
        assertEquals(3, ch.selectLong("SELECT toUInt64(3)"));
    }
}
