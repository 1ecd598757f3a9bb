package ru.otklik.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void parsesTypeAndParameters() {
        MediaType m = MediaType.parse("Application/JSON; Charset=\"UTF-8\"").orElseThrow();
        assertEquals("application/json", m.essence());
        assertEquals(Map.of("charset", "UTF-8"), m.parameters());
        assertTrue(MediaType.parse("text").isEmpty());
        assertTrue(MediaType.parse("").isEmpty());
        assertTrue(MediaType.parse(null).isEmpty());
        assertTrue(MediaType.parse("a/b; charset").isEmpty());
        assertTrue(MediaType.parse("a/b; charset=utf-8; charset=latin1").isEmpty(), "repeated parameter");
    }

    @Test
    void jsonEndpointsAdmitOnlyJsonInUtf8() {
        assertTrue(MediaType.admits("application/json", MediaType.JSON));
        assertTrue(MediaType.admits("application/json; charset=utf-8", MediaType.JSON));
        assertTrue(MediaType.admits("APPLICATION/JSON;charset=UTF-8", MediaType.JSON));
        assertFalse(MediaType.admits("application/json; charset=latin1", MediaType.JSON));
        assertFalse(MediaType.admits("application/json; boundary=x", MediaType.JSON));
        assertFalse(MediaType.admits("text/plain", MediaType.JSON));
        assertFalse(MediaType.admits("application/jsonx", MediaType.JSON));
        assertFalse(MediaType.admits("multipart/form-data; boundary=abc", MediaType.JSON));
        assertFalse(MediaType.admits(null, MediaType.JSON));
    }

    @Test
    void formEndpointsAdmitOnlyUrlEncodedForms() {
        assertTrue(MediaType.admits("application/x-www-form-urlencoded", MediaType.FORM));
        assertTrue(MediaType.admits("application/x-www-form-urlencoded;charset=UTF-8", MediaType.FORM));
        assertFalse(MediaType.admits("multipart/form-data; boundary=----x", MediaType.FORM));
        assertFalse(MediaType.admits("application/json", MediaType.FORM));
    }
}
