package ru.otklik.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void wellFormedTextDecodes() {
        assertEquals("Спасибо! 😀", StrictUtf8.decode("Спасибо! 😀".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", StrictUtf8.decode(new byte[0]));
    }

    @Test
    void overlongEncodingsSurrogatesAndInvalidBytesAreRefused() {
        byte[][] bad = {
            bytes('a', 0xC0, 0xAF),             // overlong "/"
            bytes(0xE0, 0x80, 0xAF),            // overlong "/" in three bytes
            bytes(0xED, 0xA0, 0x80),            // an encoded high surrogate (CESU-8)
            bytes(0xED, 0xBF, 0xBF),            // an encoded low surrogate
            bytes(0xFF),                        // never valid
            bytes(0xC3),                        // truncated sequence
            bytes(0xF4, 0x90, 0x80, 0x80),      // above U+10FFFF
        };
        for (byte[] b : bad) {
            MalformedInput e = assertThrows(MalformedInput.class, () -> StrictUtf8.decode(b));
            assertEquals("utf-8", e.rule());
            assertFalse(StrictUtf8.isValid(b));
        }
        assertTrue(StrictUtf8.isValid("ok".getBytes(StandardCharsets.UTF_8)));
        assertTrue(assertThrows(MalformedInput.class, () -> StrictUtf8.decode(bytes('a', 'b', 0xC0, 0xAF)))
                .getMessage().contains("byte 2"));
    }

    @Test
    void loneSurrogatesAreFound() {
        assertEquals(-1, StrictUtf8.loneSurrogate("ok 😀"));
        assertEquals(1, StrictUtf8.loneSurrogate("a\uD800b"));
        assertEquals(0, StrictUtf8.loneSurrogate("\uDC00"));
        assertEquals(2, StrictUtf8.loneSurrogate("ab\uD83D"));
    }
}
