package ru.otklik.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static Map<String, List<String>> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void decodesNamesValuesAndRepeats() {
        Map<String, List<String>> form = parse("Q1=9&comment=%D0%A1%D0%BF%D0%B0%D1%81%D0%B8%D0%B1%D0%BE+%21"
                + "&profile.traits=a&profile.traits=b&empty=&flag&&");
        assertEquals(List.of("9"), form.get("Q1"));
        assertEquals(List.of("Спасибо !"), form.get("comment"));
        assertEquals(List.of("a", "b"), form.get("profile.traits"));
        assertEquals(List.of(""), form.get("empty"));
        assertEquals(List.of(""), form.get("flag"));
        assertEquals(List.of("Q1", "comment", "profile.traits", "empty", "flag"), List.copyOf(form.keySet()));
        assertEquals(Map.of(), parse(""));
    }

    @Test
    void brokenEscapesAndBadUtf8AreNamedRules() {
        assertEquals("form-encoding", assertThrows(MalformedInput.class, () -> parse("a=%4")).rule());
        assertEquals("form-encoding", assertThrows(MalformedInput.class, () -> parse("a=%zz")).rule());
        assertEquals("form-encoding", assertThrows(MalformedInput.class, () -> parse("a=%")).rule());
        assertEquals("utf-8", assertThrows(MalformedInput.class, () -> parse("comment=%C0%AF")).rule(), "overlong");
        assertEquals("utf-8", assertThrows(MalformedInput.class, () -> parse("comment=%ED%A0%80")).rule(),
                "surrogate");
        assertEquals("utf-8", assertThrows(MalformedInput.class, () -> parse("%FF=1")).rule(), "in a name too");
        assertEquals("utf-8", assertThrows(MalformedInput.class,
                () -> FormBody.parse(new byte[] {'a', '=', (byte) 0xC3})).rule(), "raw bytes too");
    }
}
