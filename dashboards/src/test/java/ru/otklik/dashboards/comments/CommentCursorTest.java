package ru.otklik.dashboards.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommentCursorTest {

    @Test
    void roundTripsIncludingTiesAboveTheSignedRange() {
        CommentCursor c = new CommentCursor(CommentCursor.Direction.OLDER, 1_682_920_800L, -3L); // 2^64 - 3 unsigned
        assertEquals("o1682920800.18446744073709551613", c.text());
        assertEquals(c, CommentCursor.parse(c.text()).orElseThrow());
        CommentCursor n = new CommentCursor(CommentCursor.Direction.NEWER, 5, 7);
        assertEquals(n, CommentCursor.parse("n5.7").orElseThrow());
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "x1.2", "o1", "o1.2 OR 1=1", "o-1.2", "o1.18446744073709551616", "cmt-yan-1",
                "o1.2.3", "O1.2"}) {
            assertTrue(CommentCursor.parse(bad).isEmpty(), bad);
        }
    }
}
