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
    void assessmentRowsEncodeTheirArraysDatesAndSmallNumbers() {
        AssessmentItemRow item = new AssessmentItemRow("s1", "t1", "C1", "I1", "peer", 5, 3, 1, 12.0,
                new long[] {0, 0, 1, 0, 1, 1}, 1, 1, 1_779_000_000L, 7L << 32 | 3);
        Map<String, Object> r = Tables.ASSESSMENT_ITEMS.decode(Tables.ASSESSMENT_ITEMS.encode(List.of(item))).get(0);
        assertEquals(5L, r.get("scale_max"));
        assertEquals(List.of(0L, 0L, 1L, 0L, 1L, 1L), r.get("distribution"));
        assertEquals(12.0, r.get("points_sum"));
        assertEquals(7L << 32 | 3, r.get("version"));
        assertEquals("Array(UInt32)", Tables.ASSESSMENT_ITEMS.columnTypes().get("distribution"));
        assertEquals("UInt8", Tables.ASSESSMENT_ITEMS.columnTypes().get("scale_max"));
        AssessmentCommentRow comment = new AssessmentCommentRow("s1", "t1", "C1", "I1", "peer", "ab12", "Хорошо",
                20_500, 1);
        Map<String, Object> c = Tables.ASSESSMENT_COMMENTS.decode(Tables.ASSESSMENT_COMMENTS.encode(List.of(comment)))
                .get(0);
        assertEquals(20_500L, c.get("submitted_date"));
        assertEquals("Хорошо", c.get("comment"));
        assertEquals("Date", Tables.ASSESSMENT_COMMENTS.columnTypes().get("submitted_date"));
        assertEquals(List.of("session_id", "target_id", "role_group"), Tables.ASSESSMENT_COMPLETION.key());
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
