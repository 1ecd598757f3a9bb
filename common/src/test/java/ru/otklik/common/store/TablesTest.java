package ru.otklik.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void aRowEncodesAndDecodesColumnForColumn() {
        ResponseRow row = new ResponseRow("r-0000001", "jc-seeker", 1, "seeker", "link", "in_person", "BRY", "BRY-01",
                "", "emp-1", 1_779_000_000L, 1_779_000_002L, 3, 0, "female", "30-39", "none", "", "",
                List.of("a", "Ж"), "Спасибо!", "ab", "cd", null, 12_000L, "api", true, 99L);
        List<Map<String, Object>> decoded = Tables.RESPONSES.decode(Tables.RESPONSES.encode(List.of(row, row)));
        assertEquals(2, decoded.size());
        Map<String, Object> r = decoded.get(0);
        assertEquals("r-0000001", r.get("response_id"));
        assertEquals(1L, r.get("survey_version"));
        assertEquals(1_779_000_000L, r.get("client_ts"));
        assertEquals(List.of("a", "Ж"), r.get("traits"));
        assertEquals("Спасибо!", r.get("comment"));
        assertNull(r.get("started_ts"));
        assertEquals(12_000L, r.get("fill_ms"));
        assertEquals("api", r.get("entry"));
        assertEquals(1L, r.get("office_network"));
        assertEquals(99L, r.get("version"));
    }

    @Test
    void everyTableNamesItsKeyAmongItsColumnsAndAnInsertWithTheColumnsInOrder() {
        for (Table<?> t : Tables.ALL) {
            assertTrue(t.insertStatement().startsWith("INSERT INTO otklik." + t.name() + " ("), t.name());
            assertTrue(t.insertStatement().endsWith(") FORMAT RowBinary"), t.name());
            assertTrue(t.columnTypes().keySet().containsAll(t.key()), t.name());
        }
        assertEquals("UInt64", Tables.INDICATOR_WINDOW.columnTypes().get("c10"));
        assertEquals("UInt32", Tables.ANSWER_MINUTE.columnTypes().get("c10"));
    }

    @Test
    void dateTimesAreClampedToTheTypesRange() {
        RowBinary out = new RowBinary();
        out.dateTime(-5).dateTime(1L << 40);
        RowBinaryReader in = new RowBinaryReader(out.toByteArray());
        assertEquals(0, in.uint32());
        assertEquals(0xFFFF_FFFFL, in.uint32());
    }
}
